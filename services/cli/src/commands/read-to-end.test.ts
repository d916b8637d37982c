import { describe, expect, it } from 'vitest';
import { createMemoryConsumer, createMemoryProducer, type Admin, type ConsumedRecord, type KafkaClient, type PartitionBatch } from '@amtsbote/core';
import { readTopicsToEnd } from './read-to-end.js';

const record = (topic: string, partition: number, offset: number, key: string): ConsumedRecord => ({
  topic,
  partition,
  offset: String(offset),
  key: Buffer.from(key),
  value: null,
  headers: {},
  timestamp: new Date(0),
});

/** A client whose topics hold the given batches; partitions start and end where `offsets` says. */
function fakeKafka(batches: PartitionBatch[], offsets: Record<string, Record<number, [start: string, end: string]>>): KafkaClient & { subscribed: string[][] } {
  const subscribed: string[][] = [];
  const unused = async () => {
    throw new Error('not used');
  };
  const of = (topic: string, side: 0 | 1) => new Map(Object.entries(offsets[topic] ?? {}).map(([partition, range]) => [Number(partition), range[side]]));
  return {
    subscribed,
    producer: () => createMemoryProducer(),
    consumer() {
      const consumer = createMemoryConsumer(batches);
      return { ...consumer, subscribe: async (topics: string[]) => void subscribed.push(topics) };
    },
    admin(): Admin {
      return {
        connect: async () => {},
        disconnect: async () => {},
        listTopics: async () => Object.keys(offsets),
        startOffsets: async (topic) => of(topic, 0),
        endOffsets: async (topic) => of(topic, 1),
        setGroupOffsets: async () => {},
        deleteGroup: async () => {},
        createTopics: unused,
        describeTopicConfigs: unused,
        alterTopicConfigs: unused,
        partitionCounts: unused,
        createPartitions: unused,
        offsetsForTime: unused,
        groupState: unused,
        groupOffsets: unused,
      };
    },
  };
}

describe('readTopicsToEnd', () => {
  it('keeps what the filter wants up to the end offsets noted at start, and skips missing topics', async () => {
    const kafka = fakeKafka(
      [
        { topic: 'a', partition: 0, records: [record('a', 0, 0, 'x'), record('a', 0, 1, 'y')] },
        // Offset 5 was written after reading started: not waited for, not kept.
        { topic: 'a', partition: 1, records: [record('a', 1, 3, 'x'), record('a', 1, 4, 'x'), record('a', 1, 5, 'x')] },
      ],
      // Partition 2's records all expired (start = end): nothing to wait for there.
      { a: { 0: ['0', '2'], 1: ['3', '5'], 2: ['8', '8'] } },
    );
    const kept = await readTopicsToEnd(kafka, ['a', 'gone'], { purpose: 'test', keep: (r) => r.key?.toString() === 'x' });
    expect(kept.map((r) => `${r.partition}/${r.offset}`)).toEqual(['0/0', '1/3', '1/4']);
    expect(kafka.subscribed).toEqual([['a']]);
  });

  it('joins no group when there is nothing to read', async () => {
    const kafka = fakeKafka([], { a: { 0: ['4', '4'] } });
    expect(await readTopicsToEnd(kafka, ['a'], { purpose: 'test' })).toEqual([]);
    expect(kafka.subscribed).toEqual([]);
  });

  it('gives up, naming where it is behind, when nothing arrives', async () => {
    const kafka = fakeKafka([{ topic: 'a', partition: 0, records: [record('a', 0, 0, 'x')] }], { a: { 0: ['0', '3'] } });
    await expect(readTopicsToEnd(kafka, ['a'], { purpose: 'test', idleTimeoutMs: 300 })).rejects.toThrow(/reading a stalled for 300 ms; still behind on partition\(s\) 0/);
  });
});
