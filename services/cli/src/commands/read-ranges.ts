import { randomUUID } from 'node:crypto';
import type { BatchControl, KafkaClient, PartitionBatch } from '@amtsbote/core';

/** The offsets [start, end) of one partition. */
export interface OffsetRange {
  partition: number;
  start: bigint;
  end: bigint;
}

/** Options of a one-off read of offset ranges. */
export interface ReadRangesOptions {
  /** Names the throw-away consumer group, e.g. `replay`. */
  purpose: string;
  /**
   * Takes each partition's records within its range, in offset order; that partition's next batch
   * waits for it. `heartbeat` keeps the read alive through long work (e.g. a rate limit).
   */
  onBatch(batch: PartitionBatch, control: Pick<BatchControl, 'heartbeat'>): Promise<void>;
  /** Give up when nothing arrives for this long while records are still missing (default 60 s). */
  idleTimeoutMs?: number;
}

/**
 * Reads offset ranges of one topic's partitions, streaming, in a consumer group of its own that is
 * deleted afterwards. Stops once every range is read; a failing `onBatch` stops the read and is
 * rethrown, so no batch is ever handed over twice.
 */
export async function readRanges(kafka: KafkaClient, topic: string, ranges: OffsetRange[], options: ReadRangesOptions): Promise<void> {
  const remaining = new Map(ranges.filter((r) => r.start < r.end).map((r) => [r.partition, r]));
  if (remaining.size === 0) return;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  let lastProgress = Date.now();
  let busy = 0;
  let failure: unknown;
  let settle!: (err?: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => (settle = (err) => (err === undefined ? resolve() : reject(err))));
  const fail = (err: unknown) => {
    failure ??= err;
    settle(err);
  };

  const groupId = `amtsbote-cli-${options.purpose}-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  consumer.on('crashed', (detail) => fail(new Error(`reading ${topic} failed: ${String((detail as { error?: unknown }).error ?? detail)}`)));
  await consumer.connect();
  try {
    // A new group starts at the end of each partition: nothing is fetched outside the ranges.
    const startAt = [...remaining.values()].map((r) => ({ topic, partition: r.partition, offset: String(r.start) }));
    await consumer.subscribe([topic], { fromBeginning: false, startAt });
    await consumer.run({
      partitionsConsumedConcurrently: remaining.size,
      eachBatch: async (batch, control) => {
        const last = batch.records.at(-1);
        if (failure !== undefined || !last) return;
        const range = remaining.get(batch.partition);
        if (range) {
          const records = batch.records.filter((r) => BigInt(r.offset) >= range.start && BigInt(r.offset) < range.end);
          busy++;
          try {
            await options.onBatch({ ...batch, records }, control);
          } catch (err) {
            // Not committed: kafkajs would hand the batch over again. Stop instead.
            return fail(err);
          } finally {
            busy--;
            lastProgress = Date.now();
          }
          if (BigInt(last.offset) + 1n >= range.end) remaining.delete(batch.partition);
          if (remaining.size === 0) settle();
        }
        // A group of its own: the commit only moves the consumer on, nobody resumes from it.
        await control.commit((BigInt(last.offset) + 1n).toString());
      },
    });
    const timer = setInterval(() => {
      if (busy === 0 && Date.now() - lastProgress >= idleTimeoutMs) {
        fail(new Error(`reading ${topic} stalled for ${idleTimeoutMs} ms; still behind on partition(s) ${[...remaining.keys()].join(', ')}`));
      }
    }, 200);
    await finished.finally(() => clearInterval(timer));
  } finally {
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
}

/** Deletes a throw-away consumer group. */
async function deleteGroup(kafka: KafkaClient, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroup(groupId);
  } catch {
    // Left over, the group is only clutter whose offsets expire: not worth failing a read for.
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
