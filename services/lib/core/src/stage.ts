import { setTimeout as sleep } from 'node:timers/promises';
import { toDeadLetter, type ServiceIdentity } from './dead-letter.js';
import { AmtsboteError, toAmtsboteError } from './errors.js';
import { failpoint } from './failpoints.js';
import type { Logger } from './logger.js';
import { traceIdOf } from './trace-context.js';
import type { BatchControl, ConsumedRecord, Consumer, OutgoingRecord, PartitionBatch, Producer } from './kafka/types.js';

/** How a stage waits before trying a record again after a retriable error. */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Options of a stage: one consumer group that turns input records into output records. */
export interface StageOptions {
  service: ServiceIdentity;
  consumer: Consumer;
  /** Connected by its owner before `start` and disconnected after `stop`: stages of one service share it. */
  producer: Producer;
  topics: string[];
  logger: Logger;
  /**
   * Turns one record into the records to produce. A retriable error makes the stage wait and try the
   * same record again; any other error sends the record to its dead-letter topic.
   */
  process(record: ConsumedRecord, control: BatchControl): Promise<OutgoingRecord[]>;
  /** Records to produce beside a dead letter, e.g. a `rejected` status event. */
  onDeadLetter?(record: ConsumedRecord, error: AmtsboteError): Promise<OutgoingRecord[]>;
  /** Called once per record with its outcome, for metrics. */
  onOutcome?(outcome: 'processed' | 'dead_lettered' | 'retried', record: ConsumedRecord, error?: AmtsboteError): void;
  /** Asked before each wait, so a policy from live master data applies to the next retry. */
  retry?: RetryPolicy | (() => RetryPolicy);
  /** Where dead letters go; by default `<input topic>.dlq`. */
  deadLetterTopic?: string;
  partitionsConsumedConcurrently?: number;
  /** Produce and commit at least every this many records within a batch. */
  flushEvery?: number;
  /** …and whenever the pending outputs reach this many bytes, so a produce request stays well below the broker's limit. */
  flushBytes?: number;
  /** Largest output record accepted (the topics' max.message.bytes); a larger one dead-letters its input. */
  maxRecordBytes?: number;
}

/** A running stage. */
export interface Stage {
  start(): Promise<void>;
  /** Stops fetching, lets the batch in flight finish and commit, leaves the group. */
  stop(): Promise<void>;
}

const defaultRetry: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 30_000 };

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Creates a stage with Amtsbote's delivery rule: an offset is committed only after everything the
 * records up to it caused (outputs, dead letters, status events) has been acknowledged by Kafka.
 * A crash in between means the records are processed again; derived ids make that harmless.
 */
export function createStage(options: StageOptions): Stage {
  const { consumer, producer, logger } = options;
  const retryPolicy = () => (typeof options.retry === 'function' ? options.retry() : (options.retry ?? defaultRetry));
  const flushEvery = options.flushEvery ?? 500;
  const flushBytes = options.flushBytes ?? 256 * 1024;
  const maxRecordBytes = options.maxRecordBytes ?? 1_000_000;
  // Cuts a retry's wait short on shutdown: the record is left uncommitted for the next owner,
  // so a back office that is down for hours cannot hold up a SIGTERM.
  const stopping = new AbortController();

  const sizeOf = (r: OutgoingRecord) =>
    (r.value?.length ?? 0) + (r.key?.length ?? 0) + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);

  /** Runs `process` and checks that every output fits into the topic, or throws a permanent error. */
  async function processChecked(record: ConsumedRecord, control: BatchControl): Promise<OutgoingRecord[]> {
    const outputs = await options.process(record, control);
    const oversized = outputs.find((o) => sizeOf(o) > maxRecordBytes);
    if (oversized) {
      throw new AmtsboteError('AMTSBOTE_RECORD_TOO_LARGE', `an output record for ${oversized.topic} has ${sizeOf(oversized)} bytes, more than ${maxRecordBytes}`);
    }
    return outputs;
  }

  /** Processes one record until it succeeds or is dead-lettered; returns null if the partition was revoked meanwhile. */
  async function settle(record: ConsumedRecord, control: BatchControl): Promise<OutgoingRecord[] | null> {
    for (let attempt = 1; ; attempt++) {
      let error: AmtsboteError;
      try {
        const outputs = await processChecked(record, control);
        options.onOutcome?.('processed', record);
        return outputs;
      } catch (thrown) {
        error = toAmtsboteError(thrown);
      }
      if (!error.retriable) {
        try {
          const extra = (await options.onDeadLetter?.(record, error)) ?? [];
          options.onOutcome?.('dead_lettered', record, error);
          logger.warn(
            { topic: record.topic, partition: record.partition, offset: record.offset, traceId: traceIdOf(record.headers['traceparent']), code: error.code, err: error.message },
            'record dead-lettered',
          );
          const deadLetter = toDeadLetter(record, error, { service: options.service, attempts: attempt });
          return [options.deadLetterTopic ? { ...deadLetter, topic: options.deadLetterTopic } : deadLetter, ...extra];
        } catch (thrown) {
          error = toAmtsboteError(thrown); // e.g. the registry went away while encoding the status: wait and retry
        }
      }
      options.onOutcome?.('retried', record, error);
      const delay = Math.max(backoffDelay(attempt, retryPolicy()), error.retryAfterMs ?? 0);
      logger.warn(
        { topic: record.topic, partition: record.partition, offset: record.offset, traceId: traceIdOf(record.headers['traceparent']), code: error.code, err: error.message, attempt, delay },
        'retriable error, waiting before the next attempt',
      );
      if (control.isStale() || stopping.signal.aborted) return null;
      await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) return null;
      await control.heartbeat();
      if (control.isStale()) return null;
    }
  }

  async function handleBatch(batch: PartitionBatch, control: BatchControl): Promise<void> {
    let pending: OutgoingRecord[] = [];
    let pendingBytes = 0;
    let next: string | undefined;
    let sinceFlush = 0;

    const flush = async () => {
      if (next === undefined) return;
      await producer.send(pending);
      failpoint('stage.after-produce');
      pending = [];
      pendingBytes = 0;
      sinceFlush = 0;
      await control.commit(next);
      failpoint('stage.after-commit');
      next = undefined;
    };

    for (const record of batch.records) {
      if (control.isStale()) break;
      const outputs = await settle(record, control);
      if (outputs === null) break;
      pending.push(...outputs);
      pendingBytes += outputs.reduce((n, o) => n + sizeOf(o), 0);
      next = (BigInt(record.offset) + 1n).toString();
      if (++sinceFlush >= flushEvery || pendingBytes >= flushBytes) await flush();
      // After every record, not every flush: a batch of slow deliveries may outlast the session
      // timeout, and the group would drop the member and reject its commit. The client sends one
      // only when the heartbeat interval has passed.
      await control.heartbeat();
    }
    await flush();
  }

  return {
    async start() {
      await consumer.connect();
      await consumer.subscribe(options.topics, { fromBeginning: true });
      await consumer.run({
        eachBatch: handleBatch,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
      });
    },
    async stop() {
      stopping.abort();
      await consumer.disconnect();
    },
  };
}
