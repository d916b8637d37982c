import { readFileSync } from 'node:fs';
import kafkajs, { type LogEntry, type IHeaders, type Consumer as KafkajsConsumer, type KafkaConfig, type PartitionMetadata } from 'kafkajs';
import type { Logger } from '../logger.js';
import type { Headers } from '../cloud-events.js';
import type { AclAdmin, AclBinding } from './acls.js';
import { readSecretFile, type KafkaSecurity } from './security.js';
import type { Admin, Consumer, KafkaClient, Producer } from './types.js';

// kafkajs is CommonJS; Node's ESM loader sees only some of its named exports.
const { Kafka, logLevel, CompressionTypes, ConfigResourceTypes, Partitioners, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } =
  kafkajs;

/** Options for the kafkajs-backed client. */
export interface KafkajsClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** TLS and SCRAM user (KAFKA_SECURITY_PROTOCOL=SASL_SSL); plaintext when absent. */
  security?: KafkaSecurity;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Broker errors kafkajs logs at error level although it handles them itself by refreshing metadata
 * and retrying (a partition that has just been created or has just changed its leader). An operator
 * must not be paged for them; they stay visible at debug level.
 */
const handledByKafkajs = new Set([
  'This server does not host this topic-partition',
  'This server is not the leader for that topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
]);

function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}

/** kafkajs' TLS and SASL settings; the password is read from its file only here, as the client is made. */
function connectionSettingsOf(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl' | 'connectionTimeout'> {
  if (security?.protocol !== 'SASL_SSL') return {};
  return {
    // Certificates are always verified (rejectUnauthorized is Node's default): against this CA, or Node's own.
    ssl: { minVersion: 'TLSv1.2', ...(security.caFile ? { ca: [readFileSync(security.caFile, 'utf8')] } : {}) },
    sasl: { mechanism: security.mechanism, username: security.username, password: readSecretFile(security.passwordFile) },
    // kafkajs' 1 s covers the TLS handshake too, which a busy machine does not always finish in time.
    connectionTimeout: 10_000,
  };
}

/** A kafkajs instance with Amtsbote's logging, retries and connection security. */
function createKafkajs(options: KafkajsClientOptions): InstanceType<typeof Kafka> {
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...connectionSettingsOf(options.security),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const handled = typeof extra['error'] === 'string' && handledByKafkajs.has(extra['error']);
        kafkaLogger[handled ? 'debug' : (levels[level] ?? 'info')](extra, message);
      },
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/** Creates the Kafka client on kafkajs, its own logs routed into pino. */
export function createKafkajsClient(options: KafkajsClientOptions): KafkaClient {
  const kafka = createKafkajs(options);

  return {
    producer(): Producer {
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        // Java-compatible murmur2, so our keys land on the same partitions as any Java producer's.
        createPartitioner: Partitioners.DefaultPartitioner,
        // Keep trying while a broker is being replaced: a send that gives up would make the stage
        // re-process its batch anyway, and idempotence needs unlimited retries to hold.
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 10_000 },
      });
      // kafkajs can acknowledge records it never re-sent when a broker dies during a request that
      // spans partitions led by several brokers (tulios/kafkajs#1303; we lost 3-4 of ~5,000 records
      // in a kill -9 test). Each request therefore carries one partition only, chosen here by the
      // same partitioner kafkajs would use, from metadata cached for a few seconds.
      const partitioner = Partitioners.DefaultPartitioner();
      const metadataAdmin = kafka.admin();
      let adminConnected: Promise<void> | undefined;
      const metadata = new Map<string, { at: number; partitions: PartitionMetadata[] }>();
      const partitionsOf = async (topic: string): Promise<PartitionMetadata[]> => {
        const cached = metadata.get(topic);
        if (cached && Date.now() - cached.at < 10_000) return cached.partitions;
        adminConnected ??= metadataAdmin.connect();
        await adminConnected;
        const [described] = (await metadataAdmin.fetchTopicMetadata({ topics: [topic] })).topics;
        const partitions = (described?.partitions ?? []) as PartitionMetadata[];
        metadata.set(topic, { at: Date.now(), partitions });
        return partitions;
      };
      return {
        connect: () => producer.connect(),
        async disconnect() {
          await producer.disconnect();
          if (adminConnected) await metadataAdmin.disconnect();
        },
        async send(records) {
          if (records.length === 0) return;
          const groups = new Map<string, { topic: string; partition: number; messages: { key: string | Buffer | null; value: Buffer | null; headers: Headers; partition: number }[] }>();
          for (const { topic, key, value, headers } of records) {
            const partition = partitioner({ topic, partitionMetadata: await partitionsOf(topic), message: { key, value, headers } });
            const group = groups.get(`${topic}/${partition}`) ?? { topic, partition, messages: [] };
            group.messages.push({ key, value, headers, partition });
            groups.set(`${topic}/${partition}`, group);
          }
          await Promise.all(
            [...groups.values()].map(({ topic, messages }) => producer.send({ topic, messages, acks: -1, compression: CompressionTypes.None })),
          );
        },
      };
    },

    consumer({ groupId, sessionTimeoutMs = 30_000 }): Consumer {
      const consumer: KafkajsConsumer = kafka.consumer({
        groupId,
        sessionTimeout: sessionTimeoutMs,
        heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeoutMs / 3)),
        allowAutoTopicCreation: false,
        // A disconnect waits for the fetch in flight; kafkajs' 5 s long poll made every SIGTERM take seconds.
        maxWaitTimeInMs: 1_000,
      });
      return {
        connect: () => consumer.connect(),
        disconnect: () => consumer.disconnect(),
        async subscribe(topics, { fromBeginning = true, startAt = [] } = {}) {
          if (startAt.length > 0) {
            // Only at the first join: after a rebalance the commits say where to go on. kafkajs applies
            // a seek before its next fetch and drops what an earlier fetch brought for that partition.
            const stopListening = consumer.on(consumer.events.GROUP_JOIN, () => {
              stopListening();
              for (const { topic, partition, offset } of startAt) consumer.seek({ topic, partition, offset });
            });
          }
          // On a cluster, the broker asked may not know a topic another broker has just created (its
          // metadata lags by a moment), e.g. a delivery lane opened at start: ask again rather than fail.
          for (let attempt = 1; ; attempt++) {
            try {
              return await consumer.subscribe({ topics, fromBeginning });
            } catch (err) {
              if (attempt >= 10 || (err as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
              await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
            }
          }
        },
        on(event, listener) {
          const kafkajsEvent = event === 'joined' ? consumer.events.GROUP_JOIN : consumer.events.CRASH;
          consumer.on(kafkajsEvent, (e) => listener(e.payload));
        },
        run: ({ eachBatch, partitionsConsumedConcurrently = 1 }) =>
          consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            partitionsConsumedConcurrently,
            eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary }) => {
              await eachBatch(
                {
                  topic: batch.topic,
                  partition: batch.partition,
                  highWatermark: batch.highWatermark,
                  records: batch.messages.map((m) => ({
                    topic: batch.topic,
                    partition: batch.partition,
                    offset: m.offset,
                    key: m.key,
                    value: m.value,
                    headers: toHeaders(m.headers),
                    timestamp: new Date(Number(m.timestamp)),
                  })),
                },
                {
                  heartbeat,
                  isStale: () => !isRunning() || isStale(),
                  async commit(nextOffset) {
                    if (isStale()) return;
                    // kafkajs fetches on from the resolved offset, so resolve before committing.
                    resolveOffset((BigInt(nextOffset) - 1n).toString());
                    await commitOffsetsIfNecessary({
                      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset }] }],
                    });
                  },
                },
              );
            },
          }),
      };
    },

    admin(): Admin {
      const admin = kafka.admin();

      /** Resolves once every partition of the topics has a leader, so a producer can write at once. */
      async function waitForLeadersOf(names: string[], timeoutMs = 30_000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          try {
            const { topics } = await admin.fetchTopicMetadata({ topics: names });
            if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
          } catch (err) {
            if (Date.now() > deadline) throw err;
          }
          if (Date.now() > deadline) throw new Error(`no leaders for ${names.join(', ')} after ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }

      /** Each partition's first (low) and next (high) offset. */
      async function partitionOffsetsOf(topic: string): Promise<{ partition: number; low: string; high: string }[]> {
        // Right after a topic is created kafkajs may ask a broker that does not lead it yet, and
        // ListOffsets is not retried for us: refresh the metadata and ask again.
        for (let attempt = 1; ; attempt++) {
          try {
            return await admin.fetchTopicOffsets(topic);
          } catch (err) {
            if (attempt >= 10 || !(err as { retriable?: boolean }).retriable) throw err;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
            await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => {});
          }
        }
      }

      return {
        connect: () => admin.connect(),
        disconnect: () => admin.disconnect(),
        listTopics: () => admin.listTopics(),
        async createTopics(topics) {
          await admin.createTopics({
            // kafkajs' own wait gives up when a KRaft broker answers "unknown topic" for a topic it
            // has just created (its metadata lags by a moment); waitForLeadersOf waits that out.
            waitForLeaders: false,
            topics: topics.map((t) => ({
              topic: t.name,
              numPartitions: t.partitions,
              replicationFactor: t.replicationFactor,
              configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
            })),
          });
          await waitForLeadersOf(topics.map((t) => t.name));
        },
        async describeTopicConfigs(topics) {
          const { resources } = await admin.describeConfigs({
            includeSynonyms: false,
            resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
          });
          return new Map(
            resources.map((r) => [
              r.resourceName,
              Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])),
            ]),
          );
        },
        async alterTopicConfigs(topics) {
          await admin.alterConfigs({
            validateOnly: false,
            resources: topics.map((t) => ({
              type: ConfigResourceTypes.TOPIC,
              name: t.name,
              configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
            })),
          });
        },
        async partitionCounts(topics) {
          const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
          return new Map(metadata.map((t) => [t.name, t.partitions.length]));
        },
        async createPartitions(topics) {
          await admin.createPartitions({ topicPartitions: topics.map(({ name, count }) => ({ topic: name, count })) });
        },
        endOffsets: async (topic) => new Map((await partitionOffsetsOf(topic)).map((o) => [o.partition, o.high])),
        startOffsets: async (topic) => new Map((await partitionOffsetsOf(topic)).map((o) => [o.partition, o.low])),
        async offsetsForTime(topic, timestamp) {
          const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
          return new Map(offsets.map((o) => [o.partition, o.offset]));
        },
        async groupState(groupId) {
          const [group] = (await admin.describeGroups([groupId])).groups;
          return { state: group?.state ?? 'Dead', members: group?.members.length ?? 0 };
        },
        async groupOffsets(groupId, topic) {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          // kafkajs reports a partition without a commit as offset -1.
          return new Map((committed?.partitions ?? []).filter((p) => BigInt(p.offset) >= 0n).map((p) => [p.partition, p.offset]));
        },
        async setGroupOffsets(groupId, topic, offsets) {
          await admin.setOffsets({ groupId, topic, partitions: [...offsets].map(([partition, offset]) => ({ partition, offset })) });
        },
        async deleteGroup(groupId) {
          await admin.deleteGroups([groupId]);
        },
      };
    },
  };
}

/** Creates the ACL admin on kafkajs (`amtsbote acls apply`); kept apart from `Admin`, which every service uses. */
export function createKafkajsAclAdmin(options: KafkajsClientOptions): AclAdmin {
  const admin = createKafkajs(options).admin();
  const resourceTypes = { TOPIC: AclResourceTypes.TOPIC, GROUP: AclResourceTypes.GROUP } satisfies Record<AclBinding['resourceType'], number>;
  const patternTypes = { LITERAL: ResourcePatternTypes.LITERAL, PREFIXED: ResourcePatternTypes.PREFIXED } satisfies Record<AclBinding['patternType'], number>;
  const operations = {
    READ: AclOperationTypes.READ,
    WRITE: AclOperationTypes.WRITE,
    CREATE: AclOperationTypes.CREATE,
    DESCRIBE_CONFIGS: AclOperationTypes.DESCRIBE_CONFIGS,
  } satisfies Record<AclBinding['operation'], number>;
  const nameOf = <T extends Record<string, number>>(names: T, value: number): keyof T | undefined =>
    (Object.keys(names) as (keyof T)[]).find((name) => names[name] === value);
  const toKafkajs = (b: AclBinding) => ({
    principal: b.principal,
    host: '*',
    resourceType: resourceTypes[b.resourceType],
    resourceName: b.resourceName,
    resourcePatternType: patternTypes[b.patternType],
    operation: operations[b.operation],
    permissionType: AclPermissionTypes.ALLOW,
  });
  return {
    connect: () => admin.connect(),
    disconnect: () => admin.disconnect(),
    async describeAcls() {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      // Only allow-bindings of the kinds Amtsbote declares; anything else is an operator's and left alone.
      return resources.flatMap((r) =>
        r.acls.flatMap((acl) => {
          const resourceType = nameOf(resourceTypes, r.resourceType);
          const patternType = nameOf(patternTypes, r.resourcePatternType);
          const operation = nameOf(operations, acl.operation);
          if (!resourceType || !patternType || !operation || acl.permissionType !== AclPermissionTypes.ALLOW || acl.host !== '*') return [];
          return [{ principal: acl.principal, resourceType, resourceName: r.resourceName, patternType, operation }];
        }),
      );
    },
    async createAcls(bindings) {
      if (bindings.length > 0) await admin.createAcls({ acl: bindings.map(toKafkajs) });
    },
  };
}
