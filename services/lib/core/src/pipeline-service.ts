import type { Contract } from '@amtsbote/schemas';
import { createAvroCodec, type AvroCodec } from './avro-codec.js';
import type { PipelineEnv } from './config.js';
import type { ServiceIdentity } from './dead-letter.js';
import type { AmtsboteError } from './errors.js';
import { createKafkajsClient } from './kafka/kafkajs-client.js';
import type { ConsumedRecord, KafkaClient, OutgoingRecord } from './kafka/types.js';
import type { Logger } from './logger.js';
import type { Router } from './masterdata/router.js';
import { startMasterData } from './masterdata/start.js';
import { startHealthServer } from './service-runtime.js';
import { createStage } from './stage.js';

/** The parts of a pipeline service that differ from service to service. */
export interface PipelineServiceOptions {
  service: ServiceIdentity;
  logger: Logger;
  brokers: string[];
  registryUrl: string;
  /** Prefix of every topic, master data included (TOPIC_PREFIX). */
  topicPrefix: string;
  groupId: string;
  topics: string[];
  /** Contracts of the records this service writes; registered at start, so an incompatible schema stops it early. */
  writes: Contract[];
  healthPort: number;
  partitionsConsumedConcurrently?: number;
  /** Builds the record handlers once the codec exists; `router()` always answers with the newest master data. */
  handlers(codec: AvroCodec, router: () => Router): {
    process(record: ConsumedRecord): Promise<OutgoingRecord[]>;
    onDeadLetter(record: ConsumedRecord, error: AmtsboteError): Promise<OutgoingRecord[]>;
  };
  /** Overrides the Kafka client (tests). */
  kafka?: KafkaClient;
}

/** The options of `startPipelineService` that come straight from a service's environment. */
export function pipelineSettingsOf(env: PipelineEnv) {
  return {
    brokers: env.KAFKA_BROKERS,
    registryUrl: env.SCHEMA_REGISTRY_URL,
    topicPrefix: env.TOPIC_PREFIX,
    groupId: env.GROUP_ID,
    healthPort: env.HEALTH_PORT,
    partitionsConsumedConcurrently: env.PARTITIONS_CONCURRENTLY,
  } satisfies Partial<PipelineServiceOptions>;
}

/** A started pipeline service. */
export interface PipelineService {
  healthPort: number;
  stop(): Promise<void>;
}

/**
 * Starts one consume→process→produce service: registers its output schemas, follows the master
 * data (live, from its compacted topics), joins its consumer group, and serves /livez and /readyz
 * (ready = joined the group, producer connected, registry reachable).
 */
export async function startPipelineService(options: PipelineServiceOptions): Promise<PipelineService> {
  const { logger } = options;
  const kafka = options.kafka ?? createKafkajsClient({ brokers: options.brokers, clientId: `amtsbote-${options.service.name}`, logger });
  const codec = createAvroCodec({ url: options.registryUrl });
  for (const contract of options.writes) await codec.register(contract);
  const masterData = await startMasterData(
    { KAFKA_BROKERS: options.brokers, TOPIC_PREFIX: options.topicPrefix },
    { logger, service: options.service, ...(options.kafka ? { kafka: options.kafka } : {}) },
  );
  try {
    return await startConsuming(options, kafka, codec, () => masterData.router(), () => masterData.stop());
  } catch (err) {
    await masterData.stop();
    throw err;
  }
}

async function startConsuming(
  options: PipelineServiceOptions,
  kafka: KafkaClient,
  codec: AvroCodec,
  router: () => Router,
  stopMasterData: () => Promise<void>,
): Promise<PipelineService> {
  const { logger } = options;

  let joined = false;
  let producerConnected = false;
  const consumer = kafka.consumer({ groupId: options.groupId });
  const producer = kafka.producer();
  consumer.on('joined', () => {
    joined = true;
    logger.info({ groupId: options.groupId }, 'joined consumer group');
  });
  consumer.on('crashed', (detail) => {
    joined = false;
    logger.error({ detail }, 'consumer crashed');
  });

  const handlers = options.handlers(codec, router);
  const stage = createStage({
    service: options.service,
    consumer,
    producer: {
      connect: async () => {
        await producer.connect();
        producerConnected = true;
      },
      send: (records) => producer.send(records),
      disconnect: async () => {
        producerConnected = false;
        await producer.disconnect();
      },
    },
    topics: options.topics,
    logger,
    process: (record) => handlers.process(record),
    onDeadLetter: (record, error) => handlers.onDeadLetter(record, error),
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
  });

  const health = await startHealthServer({
    port: options.healthPort,
    checks: { joined: () => joined, producer: () => producerConnected, registry: () => codec.ping() },
  });
  await stage.start();
  logger.info({ topics: options.topics, healthPort: health.port }, 'started');

  return {
    healthPort: health.port,
    async stop() {
      await stage.stop();
      await stopMasterData();
      await health.close();
      logger.info('stopped');
    },
  };
}
