import { describe, expect, it } from 'vitest';
import { REPLAY_HEADER, type ConsumedRecord } from '@amtsbote/core';
import {
  checkRewindable,
  chunksOf,
  formatTopicReplay,
  parseOffsetBounds,
  parseSelection,
  replayedCopy,
  selectRanges,
  tally,
  type PartitionTally,
  type TopicOffsets,
} from './replay.js';

const offsets = (entries: Record<number, number>) => new Map(Object.entries(entries).map(([p, o]) => [Number(p), String(o)]));
const record = (offset: number, value = 'x'.repeat(100)): ConsumedRecord => ({
  topic: 'xoev.outbound.v1',
  partition: 2,
  offset: String(offset),
  key: Buffer.from('app-1'),
  value: Buffer.from(value),
  headers: { ce_id: `event-${offset}` },
  timestamp: new Date(Date.UTC(2026, 10, 25, 8, 0, offset)),
});

describe('parseOffsetBounds', () => {
  it('reads ranges with both ends included, open ends and single offsets', () => {
    expect(parseOffsetBounds('0:100-199, 3:42-,5:7')).toEqual(
      new Map([
        [0, { from: 100n, to: 199n }],
        [3, { from: 42n }],
        [5, { from: 7n, to: 7n }],
      ]),
    );
  });

  it.each([
    ['0:200-100', /ends before it starts/],
    ['0:1-2,0:5-', /partition 0 is given twice/],
    ['0-100', /neither/],
    ['a:1', /neither/],
    ['', /neither/],
  ])('refuses %s', (text, message) => {
    expect(() => parseOffsetBounds(text)).toThrow(message);
  });
});

describe('parseSelection', () => {
  it('takes ISO times and refuses what is none', () => {
    expect(parseSelection({ topic: 't', from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' })).toEqual({
      topic: 't',
      from: new Date('2026-11-25T00:00:00Z'),
      to: new Date('2026-11-26T00:00:00Z'),
    });
    expect(() => parseSelection({ topic: 't', from: 'yesterday' })).toThrow(/--from: "yesterday" is no ISO 8601 time/);
  });
});

describe('checkRewindable', () => {
  it('lets a consumer group be rewound to a start, not to a range', () => {
    expect(() => checkRewindable(parseSelection({ topic: 't', from: '2026-11-25T00:00Z', offsets: '0:5-' }))).not.toThrow();
    expect(() => checkRewindable(parseSelection({ topic: 't', to: '2026-11-25T00:00Z' }))).toThrow(/--to: a consumer group reads on to the end/);
    expect(() => checkRewindable(parseSelection({ topic: 't', offsets: '1:5' }))).toThrow(/as 1:5-/);
  });
});

describe('selectRanges', () => {
  // Three partitions; retention has removed the first 10 records of partition 1.
  const topic: TopicOffsets = { starts: offsets({ 0: 0, 1: 10, 2: 0 }), ends: offsets({ 0: 100, 1: 50, 2: 0 }) };

  it('covers everything retained without criteria, up to the end now', () => {
    expect(selectRanges(topic)).toEqual([
      { partition: 0, start: 0n, end: 100n },
      { partition: 1, start: 10n, end: 50n },
      { partition: 2, start: 0n, end: 0n },
    ]);
  });

  it('goes from the first offset at or after --from to the first at or after --to, which it leaves out', () => {
    const day = { ...topic, fromTime: offsets({ 0: 40, 1: 50, 2: 0 }), toTime: offsets({ 0: 90, 1: 50, 2: 0 }) };
    expect(selectRanges(day)).toEqual([
      { partition: 0, start: 40n, end: 90n },
      { partition: 1, start: 50n, end: 50n },
      { partition: 2, start: 0n, end: 0n },
    ]);
  });

  it('narrows to the partitions and offsets given, within what the topic retains and has', () => {
    expect(selectRanges(topic, parseOffsetBounds('0:20-29,1:0-'))).toEqual([
      { partition: 0, start: 20n, end: 30n },
      { partition: 1, start: 10n, end: 50n },
    ]);
    expect(selectRanges(topic, parseOffsetBounds('0:150-'))).toEqual([{ partition: 0, start: 100n, end: 100n }]);
  });

  it('lets offsets and times narrow each other', () => {
    const day = { ...topic, fromTime: offsets({ 0: 40, 1: 10, 2: 0 }) };
    expect(selectRanges(day, parseOffsetBounds('0:20-59'))).toEqual([{ partition: 0, start: 40n, end: 60n }]);
  });

  it('names a partition the topic does not have', () => {
    expect(() => selectRanges(topic, parseOffsetBounds('7:0-'))).toThrow(/no partition 7; it has 3/);
  });
});

describe('replayedCopy', () => {
  it('keeps key, value and headers and marks the copy as a replay of its original', () => {
    const original = record(41);
    expect(replayedCopy(original, 'xoev.outbound.v1')).toEqual({
      topic: 'xoev.outbound.v1',
      key: original.key,
      value: original.value,
      headers: { ce_id: 'event-41', [REPLAY_HEADER]: 'true', amtsbote_replay_of: 'xoev.outbound.v1/2/41' },
    });
  });
});

describe('chunksOf', () => {
  it('splits in order by count and by bytes; a record above the byte limit goes alone', () => {
    const records = [record(0), record(1), record(2), record(3, 'x'.repeat(1_000)), record(4)];
    const sizes = (limits: { records: number; bytes: number }) => [...chunksOf(records, limits)].map((c) => c.map((r) => Number(r.offset)));
    expect(sizes({ records: 2, bytes: 10_000 })).toEqual([[0, 1], [2, 3], [4]]);
    expect(sizes({ records: 10, bytes: 300 })).toEqual([[0, 1], [2], [3], [4]]);
    expect([...chunksOf([], { records: 2, bytes: 10 })]).toEqual([]);
  });
});

describe('tally and formatTopicReplay', () => {
  it('counts a partition batch by batch and prints a row per partition', () => {
    const counted: PartitionTally = { partition: 2, records: 0, firstOffset: null, lastOffset: null, firstTime: null, lastTime: null };
    tally(counted, [record(5), record(6)]);
    tally(counted, []);
    tally(counted, [record(9)]);
    expect(counted).toEqual({
      partition: 2,
      records: 3,
      firstOffset: '5',
      lastOffset: '9',
      firstTime: new Date('2026-11-25T08:00:05Z'),
      lastTime: new Date('2026-11-25T08:00:09Z'),
    });
    const idle: PartitionTally = { partition: 3, records: 0, firstOffset: null, lastOffset: null, firstTime: null, lastTime: null };
    const summary = { topic: 't', into: 't', applicationId: null, partitions: [counted, idle], records: 3, scanned: 1_200, seconds: 0.5, perSecond: 6 };
    expect(formatTopicReplay({ ...summary, dryRun: true })).toEqual([
      'partition  records  first offset  last offset  first record (UTC)       last record (UTC)',
      '2          3        5             9            2026-11-25 08:00:05.000  2026-11-25 08:00:09.000',
      '3          0        -             -            -                        -',
      'would replay 3 record(s) from t into t (dry run: nothing written; 1,200 read in 0.5 s)',
    ]);
    expect(formatTopicReplay({ ...summary, dryRun: false, applicationId: 'app-1' }).at(-1)).toBe(
      'replayed 3 record(s) of application app-1 from t into t in 0.5 s (6 records/s), each marked amtsbote_replay: true and amtsbote_replay_of: <topic>/<partition>/<offset>',
    );
  });
});
