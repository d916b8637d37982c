import { describe, expect, it } from 'vitest';
import { createMemoryConsumer, createMemoryProducer, type Admin, type ConsumedRecord, type Consumer, type KafkaClient, type PartitionBatch } from '@amtsbote/core';
import { readRanges } from './read-ranges.js';

const record = (partition: number, offset: number): ConsumedRecord => ({
  topic: 't',
  partition,
  offset: String(offset),
  key: null,
  value: null,
  headers: {},
  timestamp: new Date(0),
});

/** A client whose one consumer hands over `batches`, noting how it was subscribed, what it committed and which groups were deleted. */
function fakeKafka(batches: PartitionBatch[]) {
  const seen = { subscriptions: [] as Parameters<Consumer['subscribe']>[], committed: [] as string[], deletedGroups: [] as string[] };
  const kafka: KafkaClient = {
    producer: () => createMemoryProducer(),
    consumer() {
      const consumer = createMemoryConsumer(batches);
      seen.committed = consumer.committed;
      return { ...consumer, subscribe: async (...args) => void seen.subscriptions.push(args) };
    },
    admin: () => ({ connect: async () => {}, disconnect: async () => {}, deleteGroup: async (group: string) => void seen.deletedGroups.push(group) }) as unknown as Admin,
  };
  return { kafka, seen };
}

describe('readRanges', () => {
  it('starts each partition at its range, hands over only what lies within, and stops once every range is read', async () => {
    const { kafka, seen } = fakeKafka([
      { topic: 't', partition: 0, records: [record(0, 10), record(0, 11), record(0, 12)] },
      // Partition 1 is outside the ranges (e.g. copies appended by the replay itself): read past, not handed over.
      { topic: 't', partition: 1, records: [record(1, 7)] },
      { topic: 't', partition: 2, records: [record(2, 3), record(2, 4), record(2, 5)] },
    ]);
    const handed: string[] = [];
    const ranges = [
      { partition: 0, start: 10n, end: 12n },
      { partition: 2, start: 4n, end: 6n },
      { partition: 3, start: 9n, end: 9n },
    ];
    await readRanges(kafka, 't', ranges, { purpose: 'test', onBatch: async (b) => void handed.push(...b.records.map((r) => `${r.partition}/${r.offset}`)) });
    expect(handed).toEqual(['0/10', '0/11', '2/4', '2/5']);
    expect(seen.subscriptions).toEqual([
      [
        ['t'],
        {
          fromBeginning: false,
          startAt: [
            { topic: 't', partition: 0, offset: '10' },
            { topic: 't', partition: 2, offset: '4' },
          ],
        },
      ],
    ]);
    expect(seen.committed).toEqual(['13', '8', '6']);
    expect(seen.deletedGroups).toEqual([expect.stringMatching(/^amtsbote-cli-test-/)]);
  });

  it('stops at a batch that fails, without committing it, so it is never handed over twice', async () => {
    const { kafka, seen } = fakeKafka([
      { topic: 't', partition: 0, records: [record(0, 0)] },
      { topic: 't', partition: 0, records: [record(0, 1)] },
      { topic: 't', partition: 0, records: [record(0, 2)] },
    ]);
    let calls = 0;
    const onBatch = async () => {
      if (++calls === 2) throw new Error('broker said no');
    };
    await expect(readRanges(kafka, 't', [{ partition: 0, start: 0n, end: 3n }], { purpose: 'test', onBatch })).rejects.toThrow('broker said no');
    expect(calls).toBe(2);
    expect(seen.committed).toEqual(['1']);
    expect(seen.deletedGroups).toHaveLength(1);
  });
});
