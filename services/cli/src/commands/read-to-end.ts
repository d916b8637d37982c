import type { ConsumedRecord, KafkaClient } from '@amtsbote/core';
import { readRanges, type OffsetRange } from './read-ranges.js';

/** Options of a one-off read of whole topics. */
export interface ReadToEndOptions {
  /** Names the throw-away consumer groups, e.g. `trace`. */
  purpose: string;
  /** Which records to keep; the others are dropped as they are read, so memory holds only these. */
  keep?: (record: ConsumedRecord) => boolean;
  /** Give up when nothing arrives for this long while records are still missing (default 60 s). */
  idleTimeoutMs?: number;
}

/**
 * Reads topics from their first retained record up to the end offsets they had when reading started,
 * all at once, then stops: what is written meanwhile is not waited for. Topics that do not exist are
 * skipped. O(size of the topics): meant for operators' commands, not for services.
 */
export async function readTopicsToEnd(kafka: KafkaClient, topics: string[], options: ReadToEndOptions): Promise<ConsumedRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ranges = new Map<string, OffsetRange[]>();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics.filter((t) => existing.has(t))) {
      const [starts, ends] = await Promise.all([admin.startOffsets(topic), admin.endOffsets(topic)]);
      ranges.set(
        topic,
        [...ends].map(([partition, end]) => ({ partition, start: BigInt(starts.get(partition) ?? '0'), end: BigInt(end) })),
      );
    }
  } finally {
    await admin.disconnect();
  }
  const kept: ConsumedRecord[] = [];
  const keep = options.keep ?? (() => true);
  await Promise.all(
    [...ranges].map(([topic, topicRanges]) =>
      readRanges(kafka, topic, topicRanges, {
        purpose: options.purpose,
        ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
        onBatch: async (batch) => void kept.push(...batch.records.filter(keep)),
      }),
    ),
  );
  return kept;
}
