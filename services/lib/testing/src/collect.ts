import { randomUUID } from 'node:crypto';
import type { ConsumedRecord, KafkaClient } from '@amtsbote/core';

/** A consumer that gathers every record of some topics, for assertions. */
export interface RecordCollector {
  readonly records: ConsumedRecord[];
  /** Resolves once `done(records)` holds; rejects after `timeoutMs`, naming what was seen. */
  waitFor(done: (records: ConsumedRecord[]) => boolean, timeoutMs?: number): Promise<ConsumedRecord[]>;
  stop(): Promise<void>;
}

/** Starts collecting from the beginning of the given topics in a consumer group of its own. */
export async function collectRecords(kafka: KafkaClient, topics: string[]): Promise<RecordCollector> {
  const consumer = kafka.consumer({ groupId: `test-collector-${randomUUID()}` });
  const records: ConsumedRecord[] = [];
  await consumer.connect();
  await consumer.subscribe(topics, { fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async (batch, control) => {
      records.push(...batch.records);
      const last = batch.records.at(-1);
      if (last) await control.commit((BigInt(last.offset) + 1n).toString());
    },
  });
  return {
    records,
    async waitFor(done, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(records)) {
        if (Date.now() > deadline) {
          throw new Error(`condition not met within ${timeoutMs} ms; collected ${records.length} records from ${topics.join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return records;
    },
    stop: () => consumer.disconnect(),
  };
}
