import type { Headers } from '../cloud-events.js';

/**
 * The small Kafka interface every service uses. kafkajs is in maintenance mode; keeping it behind
 * these types lets another client (e.g. @platformatic/kafka) be swapped in without touching services.
 */

/** A record as consumed. Offsets are strings: Kafka's are 64-bit. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
  timestamp: Date;
}

/** A record to produce. The key is the application's id wherever there is one. */
export interface OutgoingRecord {
  topic: string;
  key: string | Buffer | null;
  value: Buffer | null;
  headers: Headers;
}

/** Produces with acks from all in-sync replicas and idempotence on, so an acknowledged write is durable. */
export interface Producer {
  connect(): Promise<void>;
  /** Resolves once every record is acknowledged; rejects if any is not. */
  send(records: OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** What a batch handler may ask of the consumer while it works. */
export interface BatchControl {
  /** Keeps group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** True once the partition was revoked or the consumer is stopping: finish up, commit nothing more. */
  isStale(): boolean;
  /**
   * Marks every record before `nextOffset` as done and commits that position for the group. Does
   * nothing once the partition was revoked: it belongs to another member, which re-processes from
   * the last commit and produces the same derived ids.
   */
  commit(nextOffset: string): Promise<void>;
}

/** The records fetched from one partition, in offset order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  records: ConsumedRecord[];
  /** The partition's end offset when the batch was fetched (the offset the next record will get), for the group's lag; unknown to some stand-ins. */
  highWatermark?: string;
}

/**
 * A consumer-group member with manual commits: nothing is committed unless `commit` is called, and
 * a handler that does not commit is handed the same records again.
 */
export interface Consumer {
  connect(): Promise<void>;
  /**
   * `startAt`: read these partitions from these offsets instead of the group's committed ones, once,
   * when the member first joins; anything fetched from elsewhere before is dropped.
   */
  subscribe(topics: string[], options?: { fromBeginning?: boolean; startAt?: { topic: string; partition: number; offset: string }[] }): Promise<void>;
  /** Starts the fetch loop; partitions are processed concurrently, each in order. */
  run(options: {
    eachBatch: (batch: PartitionBatch, control: BatchControl) => Promise<void>;
    partitionsConsumedConcurrently?: number;
  }): Promise<void>;
  /** Registers a listener for group events: `joined` once assigned partitions, `crashed` on a fatal error. */
  on(event: 'joined' | 'crashed', listener: (detail: unknown) => void): void;
  disconnect(): Promise<void>;
}

/** A topic as declared in infra/topics.yaml. */
export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  config: Record<string, string>;
}

/** The administrative operations Amtsbote needs. */
export interface Admin {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  createTopics(topics: TopicSpec[]): Promise<void>;
  describeTopicConfigs(topics: string[]): Promise<Map<string, Record<string, string>>>;
  alterTopicConfigs(topics: { name: string; config: Record<string, string> }[]): Promise<void>;
  partitionCounts(topics: string[]): Promise<Map<string, number>>;
  createPartitions(topics: { name: string; count: number }[]): Promise<void>;
  /** Each partition's end offset (the offset the next record will get), e.g. to know when a reader has caught up. */
  endOffsets(topic: string): Promise<Map<number, string>>;
  /** Each partition's offset of its first record at or after `timestamp` (ms since the epoch), or its end offset if none is. */
  offsetsForTime(topic: string, timestamp: number): Promise<Map<number, string>>;
  /** A consumer group's state (e.g. `Empty`, `Stable`; `Dead` if it does not exist) and how many members it has. */
  groupState(groupId: string): Promise<{ state: string; members: number }>;
  /** The offsets a consumer group has committed on a topic; partitions without a commit are missing. */
  groupOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  /** Commits offsets for a consumer group (created if needed); refused while the group has members. */
  setGroupOffsets(groupId: string, topic: string, offsets: Map<number, string>): Promise<void>;
  /** Deletes a consumer group without members, with its committed offsets. */
  deleteGroup(groupId: string): Promise<void>;
  /** Each partition's first retained offset: where retention or deletion left the log's start. */
  startOffsets(topic: string): Promise<Map<number, string>>;
  disconnect(): Promise<void>;
}

/** Creates producers, consumers and admins for one cluster. */
export interface KafkaClient {
  producer(): Producer;
  consumer(options: { groupId: string; sessionTimeoutMs?: number }): Consumer;
  admin(): Admin;
}
