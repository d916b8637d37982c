import { AmtsboteError, toAmtsboteError, type Admin, type Logger, type TopicSpec } from '@amtsbote/core';

/**
 * A lane is one destination's queue: a topic that holds only the messages for that back office,
 * read by a consumer group of its own. A back office that is down stops its lane and nothing else,
 * and within a lane the messages of one application (one key, one partition) stay in order.
 */
export function laneTopicOf(prefix: string, destinationId: string): string {
  return `${prefix}delivery.lane.${destinationId}.v1`;
}

/** The lanes of a delivery service. */
export interface Lanes {
  /** Makes sure the destination's lane topic exists and its lane is being delivered; resolves with the topic. */
  ensure(destinationId: string): Promise<string>;
  /** Starts a lane for every destination in the master data, for every lane topic left from before, and for each destination added later. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of the lanes. */
export interface LanesOptions {
  admin: Admin;
  /** TOPIC_PREFIX. */
  prefix: string;
  /** The topic lanes are cut from: each lane gets its partition count, retention and size limit. */
  outboundTopic: string;
  logger: Logger;
  /** The destinations in the master data in force. */
  destinationIds(): string[];
  /** Registers a listener for master-data changes; returns a function that unsubscribes. */
  onMasterDataChange(listener: () => void): () => void;
  /** Starts delivering one lane (joins its consumer group). */
  startLane(destinationId: string, topic: string): Promise<void>;
}

/** Topic settings a lane takes over from the outbound topic: the same data, kept as long (segment.ms bounds when retention deletes) and as large. */
const inheritedConfig = ['retention.ms', 'segment.ms', 'max.message.bytes'];

/** Creates the lanes; nothing happens before `start`. */
export function createLanes(options: LanesOptions): Lanes {
  const { admin, prefix, logger } = options;
  const lanePattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}delivery\\.lane\\.([a-z0-9][a-z0-9-]*)\\.v1$`);
  const lanes = new Map<string, Promise<string>>();
  /** Lane topics known to exist; creating one again would work but makes Kafka log an error. */
  const existing = new Set<string>();
  let template: Promise<Omit<TopicSpec, 'name'>> | undefined;
  let unsubscribe = () => {};

  async function laneTemplate(): Promise<Omit<TopicSpec, 'name'>> {
    const [partitions, configs] = await Promise.all([
      admin.partitionCounts([options.outboundTopic]),
      admin.describeTopicConfigs([options.outboundTopic]),
    ]);
    const described = configs.get(options.outboundTopic) ?? {};
    const config = Object.fromEntries(inheritedConfig.flatMap((key) => (described[key] ? [[key, described[key]]] : [])));
    return { partitions: partitions.get(options.outboundTopic) ?? 1, replicationFactor: -1, config };
  }

  async function openLane(destinationId: string): Promise<string> {
    const name = laneTopicOf(prefix, destinationId);
    try {
      template ??= laneTemplate();
      // Creating a topic that exists already is a no-op, so two instances may race here.
      if (!existing.has(name)) await admin.createTopics([{ name, ...(await template) }]);
    } catch (err) {
      template = undefined;
      throw new AmtsboteError('AMTSBOTE_KAFKA_UNAVAILABLE', `could not create the lane topic ${name}: ${toAmtsboteError(err).message}`, {
        retriable: true,
        cause: err,
      });
    }
    await options.startLane(destinationId, name);
    logger.info({ destination: destinationId, topic: name }, 'lane open');
    return name;
  }

  const lanesApi: Lanes = {
    ensure(destinationId) {
      let lane = lanes.get(destinationId);
      if (!lane) {
        lane = openLane(destinationId);
        lanes.set(destinationId, lane);
        // A lane that failed to open is tried again by the next message for it.
        lane.catch(() => lanes.delete(destinationId));
      }
      return lane;
    },

    async start() {
      await admin.connect();
      const lanesThere = (await admin.listTopics()).filter((name) => lanePattern.test(name));
      for (const name of lanesThere) existing.add(name);
      const leftOver = lanesThere.map((name) => lanePattern.exec(name)![1]!);
      await Promise.all([...new Set([...options.destinationIds(), ...leftOver])].map((id) => lanesApi.ensure(id)));
      unsubscribe = options.onMasterDataChange(() => {
        for (const id of options.destinationIds()) {
          lanesApi.ensure(id).catch((err: unknown) => logger.error({ destination: id, err: toAmtsboteError(err).message }, 'lane did not open; the next message for it tries again'));
        }
      });
    },

    async stop() {
      unsubscribe();
      await admin.disconnect();
    },
  };
  return lanesApi;
}
