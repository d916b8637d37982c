import type { Contract } from '@amtsbote/schemas';
import { createAvroCodec, type AvroCodec } from './avro-codec.js';
import type { PipelineEnv } from './config.js';
import { kafkaSecurityOf, type KafkaSecurity } from './kafka/security.js';
import type { ServiceIdentity } from './dead-letter.js';
import type { AmtsboteError } from './errors.js';
import { createKafkaClient, type ProducerLibrary } from './kafka/client.js';
import type { ConsumedRecord, KafkaClient, OutgoingRecord, Producer } from './kafka/types.js';
import type { Logger } from './logger.js';
import type { Router } from './masterdata/router.js';
import { startMasterData } from './masterdata/start.js';
import type { MasterDataView } from './masterdata/view.js';
import { createServiceMetrics, type ServiceMetrics } from './metrics.js';
import { startHealthServer } from './service-runtime.js';
import { createStage, type Stage, type StageOptions } from './stage.js';

/** The record handlers of one stage. */
export interface StageHandlers {
  process(record: ConsumedRecord): Promise<OutgoingRecord[]>;
  onDeadLetter(record: ConsumedRecord, error: AmtsboteError): Promise<OutgoingRecord[]>;
}

/** One consumer group of a pipeline service: what it reads and how it handles each record. */
export interface StageSpec {
  groupId: string;
  topics: string[];
  handlers: StageHandlers;
  partitionsConsumedConcurrently?: number;
  retry?: StageOptions['retry'];
  deadLetterTopic?: string;
}

/** What a pipeline service's stages are built from, once registry, master data and producer are up. */
export interface PipelineRuntime {
  codec: AvroCodec;
  /** Always answers with the newest master data. */
  router(): Router;
  masterData: MasterDataView;
  kafka: KafkaClient;
  /** The service's producer, connected; for records a service writes outside its stages (e.g. an HTTP intake). */
  producer: Producer;
  logger: Logger;
  /** The service's metrics registry, for metrics of its own beside those every stage has. */
  metrics: ServiceMetrics;
  /** Joins the stage's consumer group and starts processing; the service is ready once every stage has joined. */
  startStage(spec: StageSpec): Promise<void>;
}

/** The parts of a pipeline service that differ from service to service. */
export interface PipelineServiceOptions {
  service: ServiceIdentity;
  logger: Logger;
  brokers: string[];
  /** TLS and SCRAM user for the brokers (default: plaintext). */
  kafkaSecurity?: KafkaSecurity;
  /** Which library produces (default: kafkajs, docs/decisions/0007). */
  producerLibrary?: ProducerLibrary;
  registryUrl: string;
  /** Prefix of every topic, master data included (TOPIC_PREFIX). */
  topicPrefix: string;
  /** Contracts of the records this service writes; registered at start, so an incompatible schema stops it early. */
  writes: Contract[];
  healthPort: number;
  /** The session timeout of every stage's consumer (SESSION_TIMEOUT_MS). */
  sessionTimeoutMs?: number;
  /** Starts the service's stages. */
  start(runtime: PipelineRuntime): Promise<void>;
  /** Overrides the Kafka client (tests). */
  kafka?: KafkaClient;
}

/** The options of `startPipelineService` that come straight from a service's environment. */
export function pipelineSettingsOf(env: PipelineEnv) {
  return {
    brokers: env.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityOf(env),
    producerLibrary: env.KAFKA_PRODUCER_LIBRARY,
    registryUrl: env.SCHEMA_REGISTRY_URL,
    topicPrefix: env.TOPIC_PREFIX,
    healthPort: env.HEALTH_PORT,
    sessionTimeoutMs: env.SESSION_TIMEOUT_MS,
  } satisfies Partial<PipelineServiceOptions>;
}

/** The settings of a service's main stage that come from its environment. */
export function stageSettingsOf(env: PipelineEnv) {
  return { groupId: env.GROUP_ID, partitionsConsumedConcurrently: env.PARTITIONS_CONCURRENTLY } satisfies Partial<StageSpec>;
}

/** A started pipeline service. */
export interface PipelineService {
  healthPort: number;
  stop(): Promise<void>;
}

/**
 * Starts a consume→process→produce service: registers its output schemas, follows the master
 * data (live, from its compacted topics), connects one producer that all its stages share, starts
 * the stages and serves /livez, /readyz (ready = every stage joined its group, producer
 * connected, registry reachable) and /metrics.
 */
export async function startPipelineService(options: PipelineServiceOptions): Promise<PipelineService> {
  const { logger } = options;
  const security = options.kafkaSecurity ? { security: options.kafkaSecurity } : {};
  const kafka =
    options.kafka ??
    createKafkaClient({ brokers: options.brokers, clientId: `amtsbote-${options.service.name}`, logger, ...security, producerLibrary: options.producerLibrary ?? 'kafkajs' });
  const codec = createAvroCodec({ url: options.registryUrl });
  for (const contract of options.writes) await codec.register(contract);
  const masterData = await startMasterData(
    { KAFKA_BROKERS: options.brokers, TOPIC_PREFIX: options.topicPrefix },
    { logger, service: options.service, ...(options.kafka ? { kafka: options.kafka } : {}), ...security },
  );

  const producer = kafka.producer();
  let producerConnected = false;
  const stages: { stage: Stage; joined: () => boolean }[] = [];
  const metrics = createServiceMetrics(options.service);
  const health = await startHealthServer({
    port: options.healthPort,
    checks: {
      joined: () => stages.length > 0 && stages.every((s) => s.joined()),
      producer: () => producerConnected,
      registry: () => codec.ping(),
    },
    metrics: metrics.registry,
  });

  async function stop(): Promise<void> {
    // Stages first: each finishes its batch in flight, produces and commits, then leaves its group.
    await Promise.all(stages.map(({ stage }) => stage.stop()));
    if (producerConnected) await producer.disconnect();
    producerConnected = false;
    await masterData.stop();
    await health.close();
  }

  const runtime: PipelineRuntime = {
    codec,
    router: () => masterData.router(),
    masterData,
    kafka,
    producer,
    logger,
    metrics,
    async startStage(spec) {
      let joined = false;
      const consumer = kafka.consumer({ groupId: spec.groupId, sessionTimeoutMs: options.sessionTimeoutMs });
      consumer.on('joined', () => {
        joined = true;
        logger.info({ groupId: spec.groupId }, 'joined consumer group');
      });
      consumer.on('crashed', (detail) => {
        joined = false;
        logger.error({ groupId: spec.groupId, detail }, 'consumer crashed');
      });
      const measured = metrics.stage(spec.groupId);
      const stage = createStage({
        service: options.service,
        consumer: measured.observed(consumer),
        producer,
        topics: spec.topics,
        logger,
        process: measured.timed((record: ConsumedRecord) => spec.handlers.process(record)),
        onDeadLetter: (record, error) => spec.handlers.onDeadLetter(record, error),
        onOutcome: measured.onOutcome,
        partitionsConsumedConcurrently: spec.partitionsConsumedConcurrently ?? 3,
        ...(spec.retry ? { retry: spec.retry } : {}),
        ...(spec.deadLetterTopic ? { deadLetterTopic: spec.deadLetterTopic } : {}),
      });
      stages.push({ stage, joined: () => joined });
      await stage.start();
    },
  };

  try {
    await producer.connect();
    producerConnected = true;
    await options.start(runtime);
  } catch (err) {
    await stop();
    throw err;
  }
  logger.info({ healthPort: health.port, stages: stages.length }, 'started');
  return {
    healthPort: health.port,
    async stop() {
      await stop();
      logger.info('stopped');
    },
  };
}
