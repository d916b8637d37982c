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
}

/**
 * A consumer-group member with manual commits: nothing is committed unless `commit` is called, and
 * a handler that does not commit is handed the same records again.
 */
export interface Consumer {
  connect(): Promise<void>;
  subscribe(topics: string[], options?: { fromBeginning?: boolean }): Promise<void>;
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
  disconnect(): Promise<void>;
}

/** Creates producers, consumers and admins for one cluster. */
export interface KafkaClient {
  producer(): Producer;
  consumer(options: { groupId: string; sessionTimeoutMs?: number }): Consumer;
  admin(): Admin;
}
