import { REPLAY_HEADER, type Admin, type ConsumedRecord, type KafkaClient, type OutgoingRecord } from '@amtsbote/core';
import { createRateLimiter } from './rate-limiter.js';
import { readRanges, type OffsetRange } from './read-ranges.js';
import { formatTable } from './table.js';
import { formatTime } from './watch.js';

/** On a replayed copy: the record it copies, `<topic>/<partition>/<offset>`. */
export const REPLAY_OF_HEADER = 'amtsbote_replay_of';

/** Offsets of one partition given explicitly: `from` to `to`, both included; without `to`, on to the end. */
export interface OffsetBounds {
  from: bigint;
  to?: bigint;
}

/** Which records of a topic a replay takes; each criterion narrows the others. */
export interface ReplaySelection {
  topic: string;
  /** From the first record at or after this time (default: the oldest retained record). */
  from?: Date;
  /** Only records before this time (default: up to the newest record when the replay starts). */
  to?: Date;
  /** Only these partitions, within these offsets. */
  offsets?: Map<number, OffsetBounds>;
}

/** Parses `0:100-199,3:42-,5:7`: partition 0 offsets 100 to 199, partition 3 from 42 on, partition 5 offset 7 alone. */
export function parseOffsetBounds(text: string): Map<number, OffsetBounds> {
  const bounds = new Map<number, OffsetBounds>();
  for (const part of text.split(',')) {
    const match = /^\s*(\d+):(\d+)(-(\d*))?\s*$/.exec(part);
    if (!match) throw new Error(`--offsets: "${part}" is neither <partition>:<from>-<to>, <partition>:<from>- nor <partition>:<offset>`);
    const [, partition, from, dash, to] = match;
    const first = BigInt(from!);
    const last = dash === undefined ? first : to ? BigInt(to) : undefined;
    if (last !== undefined && last < first) throw new Error(`--offsets: "${part}" ends before it starts`);
    if (bounds.has(Number(partition))) throw new Error(`--offsets: partition ${partition} is given twice`);
    bounds.set(Number(partition), last === undefined ? { from: first } : { from: first, to: last });
  }
  return bounds;
}

/** Parses an ISO 8601 time: 2026-11-25T00:00 is local time, 2026-11-25T00:00Z UTC. */
export function parseTime(option: string, text: string): Date {
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new Error(`${option}: "${text}" is no ISO 8601 time such as 2026-11-25T00:00 or 2026-11-25T00:00Z`);
  return time;
}

/** Parses a rate limit: records per second, more than zero. */
export function parseRate(text: string): number {
  const rate = Number(text);
  if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`--rate: "${text}" is no number of records per second above 0`);
  return rate;
}

/** A selection as the command line gives it: `topic` with its prefix, the rest as typed. */
export function parseSelection(raw: { topic: string; from?: string; to?: string; offsets?: string }): ReplaySelection {
  return {
    topic: raw.topic,
    ...(raw.from === undefined ? {} : { from: parseTime('--from', raw.from) }),
    ...(raw.to === undefined ? {} : { to: parseTime('--to', raw.to) }),
    ...(raw.offsets === undefined ? {} : { offsets: parseOffsetBounds(raw.offsets) }),
  };
}

/** A consumer group reads on to the end of the topic: what it is rewound by names a start only. */
export function checkRewindable(selection: ReplaySelection): void {
  if (selection.to) throw new Error('--to: a consumer group reads on to the end; copy a time range with --to-topic instead');
  for (const [partition, bounds] of selection.offsets ?? []) {
    if (bounds.to !== undefined) throw new Error(`--offsets: a consumer group reads on to the end; give partition ${partition}'s start only, as ${partition}:${bounds.from}-`);
  }
}

/** A topic's offsets per partition as the admin reports them, and where `--from` and `--to` fall. */
export interface TopicOffsets {
  starts: Map<number, string>;
  ends: Map<number, string>;
  fromTime?: Map<number, string> | undefined;
  toTime?: Map<number, string> | undefined;
}

const maxOf = (...values: bigint[]) => values.reduce((a, b) => (b > a ? b : a));
const minOf = (...values: bigint[]) => values.reduce((a, b) => (b < a ? b : a));

/** The offsets [start, end) the selection covers in each partition it names (every one, without `offsets`). */
export function selectRanges(topic: TopicOffsets, offsets?: Map<number, OffsetBounds>): OffsetRange[] {
  const missing = [...(offsets?.keys() ?? [])].filter((partition) => !topic.ends.has(partition));
  if (missing.length > 0) throw new Error(`--offsets: the topic has no partition ${missing.join(', ')}; it has ${topic.ends.size} (from 0)`);
  const ranges: OffsetRange[] = [];
  for (const [partition, endText] of [...topic.ends].sort(([a], [b]) => a - b)) {
    const bounds = offsets?.get(partition);
    if (offsets && !bounds) continue;
    const end = BigInt(endText);
    const at = (offsetsOf: Map<number, string> | undefined, otherwise: bigint) => BigInt(offsetsOf?.get(partition) ?? otherwise);
    const start = minOf(maxOf(at(topic.starts, 0n), at(topic.fromTime, 0n), bounds?.from ?? 0n), end);
    const stop = minOf(end, at(topic.toTime, end), bounds?.to === undefined ? end : bounds.to + 1n);
    ranges.push({ partition, start, end: maxOf(start, stop) });
  }
  return ranges;
}

/** What the selection covers of the topic as it is now. */
export async function planRanges(admin: Admin, selection: ReplaySelection): Promise<OffsetRange[]> {
  const { topic, from, to } = selection;
  const [starts, ends, fromTime, toTime] = await Promise.all([
    admin.startOffsets(topic),
    admin.endOffsets(topic),
    from ? admin.offsetsForTime(topic, from.getTime()) : undefined,
    to ? admin.offsetsForTime(topic, to.getTime()) : undefined,
  ]);
  return selectRanges({ starts, ends, fromTime, toTime }, selection.offsets);
}

async function withAdmin<T>(kafka: KafkaClient, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** A record's copy for a replay: the same key, value and headers, marked as a replay of it. */
export function replayedCopy(record: ConsumedRecord, into: string): OutgoingRecord {
  return {
    topic: into,
    key: record.key,
    value: record.value,
    headers: { ...record.headers, [REPLAY_HEADER]: 'true', [REPLAY_OF_HEADER]: `${record.topic}/${record.partition}/${record.offset}` },
  };
}

function sizeOf(record: ConsumedRecord): number {
  let size = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const name in record.headers) size += name.length + record.headers[name]!.length;
  return size;
}

/** Splits records, in order, into runs of at most `records` records and `bytes` bytes (a bigger record goes alone). */
export function* chunksOf(records: ConsumedRecord[], limits: { records: number; bytes: number }): Generator<ConsumedRecord[]> {
  let chunk: ConsumedRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = sizeOf(record);
    if (chunk.length > 0 && (chunk.length >= limits.records || bytes + size > limits.bytes)) {
      yield chunk;
      [chunk, bytes] = [[], 0];
    }
    chunk.push(record);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * What one produce request carries at most: few enough bytes that a partition's share stays under the
 * broker's max.message.bytes (1 MiB by default), many enough records to keep the broker busy.
 */
const produceLimits = { records: 500, bytes: 512 * 1024 };

/** What was (or would be) replayed from one partition. */
export interface PartitionTally {
  partition: number;
  records: number;
  firstOffset: string | null;
  lastOffset: string | null;
  firstTime: Date | null;
  lastTime: Date | null;
}

/** Adds records of one partition, in offset order, to its tally. */
export function tally(into: PartitionTally, records: ConsumedRecord[]): void {
  const [first, last] = [records[0], records.at(-1)];
  if (!first || !last) return;
  into.records += records.length;
  into.firstOffset ??= first.offset;
  into.firstTime ??= first.timestamp;
  into.lastOffset = last.offset;
  into.lastTime = last.timestamp;
}

/** How to replay into a topic. */
export interface TopicReplayOptions {
  /** The topic the copies go to; the source topic itself is the usual choice. */
  into: string;
  /** Only this application's records: the key is the application id on every topic that has one. */
  applicationId?: string | undefined;
  /** Records per second at most (default: as fast as the broker acknowledges them). */
  rate?: number | undefined;
  /** Read and count, write nothing. */
  dryRun: boolean;
  /** Called as records are read: how many so far, of how many the selection covers. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** What a replay into a topic did, or would do on a dry run. */
export interface TopicReplaySummary {
  topic: string;
  into: string;
  applicationId: string | null;
  dryRun: boolean;
  partitions: PartitionTally[];
  /** Records replayed (on a dry run: that would be). */
  records: number;
  /** Records read to find them. */
  scanned: number;
  seconds: number;
  /** `records` per second, from planning to the last acknowledged copy. */
  perSecond: number;
}

/**
 * Copies the selected records into a topic, each marked as a replay (REPLAY_HEADER), so what they
 * cause says so. Each partition is copied in offset order and a copy keeps its key, so the records
 * of one application stay in order. Reading and writing overlap across partitions; writes are
 * batched and acknowledged by all in-sync replicas (the core producer's guarantees).
 */
export async function replayIntoTopic(kafka: KafkaClient, selection: ReplaySelection, options: TopicReplayOptions): Promise<TopicReplaySummary> {
  const started = performance.now();
  const ranges = await withAdmin(kafka, (admin) => planRanges(admin, selection));
  const total = ranges.reduce((sum, r) => sum + Number(r.end - r.start), 0);
  const tallies = new Map<number, PartitionTally>(
    ranges.map((r) => [r.partition, { partition: r.partition, records: 0, firstOffset: null, lastOffset: null, firstTime: null, lastTime: null }]),
  );
  const limiter = options.rate ? createRateLimiter(options.rate) : undefined;
  // Under a rate limit, requests of a tenth of a second's worth keep the flow even.
  const limits = options.rate ? { ...produceLimits, records: Math.min(produceLimits.records, Math.ceil(options.rate / 10)) } : produceLimits;
  const wanted = (record: ConsumedRecord) => options.applicationId === undefined || record.key?.toString('utf8') === options.applicationId;
  const producer = options.dryRun ? undefined : kafka.producer();
  await producer?.connect();
  let scanned = 0;
  try {
    await readRanges(kafka, selection.topic, ranges, {
      purpose: 'replay',
      async onBatch(batch, control) {
        for (const chunk of chunksOf(batch.records, limits)) {
          const replayed = chunk.filter(wanted);
          if (producer && replayed.length > 0) {
            await limiter?.take(replayed.length);
            await producer.send(replayed.map((record) => replayedCopy(record, options.into)));
            await control.heartbeat();
          }
          tally(tallies.get(batch.partition)!, replayed);
          scanned += chunk.length;
          options.onProgress?.(scanned, total);
        }
      },
    });
  } finally {
    await producer?.disconnect();
  }
  const seconds = (performance.now() - started) / 1000;
  const partitions = [...tallies.values()];
  const records = partitions.reduce((sum, p) => sum + p.records, 0);
  return {
    topic: selection.topic,
    into: options.into,
    applicationId: options.applicationId ?? null,
    dryRun: options.dryRun,
    partitions,
    records,
    scanned,
    seconds,
    perSecond: seconds > 0 ? records / seconds : 0,
  };
}

const count = new Intl.NumberFormat('en-US');

/** A replay into a topic, for people: a row per partition, then what happened. */
export function formatTopicReplay(summary: TopicReplaySummary): string[] {
  const which = `${summary.applicationId === null ? '' : `of application ${summary.applicationId} `}from ${summary.topic} into ${summary.into}`;
  return [
    ...formatTable(
      ['partition', 'records', 'first offset', 'last offset', 'first record (UTC)', 'last record (UTC)'],
      summary.partitions.map((p) => [
        String(p.partition),
        count.format(p.records),
        p.firstOffset ?? '-',
        p.lastOffset ?? '-',
        p.firstTime ? formatTime(p.firstTime) : '-',
        p.lastTime ? formatTime(p.lastTime) : '-',
      ]),
    ),
    summary.dryRun
      ? `would replay ${count.format(summary.records)} record(s) ${which} (dry run: nothing written; ${count.format(summary.scanned)} read in ${summary.seconds.toFixed(1)} s)`
      : `replayed ${count.format(summary.records)} record(s) ${which} in ${summary.seconds.toFixed(1)} s (${count.format(Math.round(summary.perSecond))} records/s), each marked ${REPLAY_HEADER}: true and ${REPLAY_OF_HEADER}: <topic>/<partition>/<offset>`,
  ];
}

/** One partition of a consumer-group rewind. */
export interface PartitionRewind {
  partition: number;
  /** Where the group was; null where it had committed nothing. */
  committed: string | null;
  /** Where it reads on from. */
  rewindTo: string;
  /** The partition's end now. */
  end: string;
  /** Records it reads again: up to where it was, or up to the end where it had committed nothing. */
  again: number;
}

/** What a rewind did, or would do on a dry run. */
export interface GroupRewindSummary {
  topic: string;
  group: string;
  dryRun: boolean;
  partitions: PartitionRewind[];
  again: number;
}

/**
 * Moves a consumer group's committed offsets back to the selection's start, so that the service
 * reading with it (or a new one started with it) reads those records again, as they are: they are
 * the originals, not copies, and carry no replay mark. Refused while the group has members (Kafka
 * allows moving offsets only then) and where the start lies beyond what the group has processed:
 * a rewind goes back, it never skips records.
 */
export async function rewindGroup(kafka: KafkaClient, selection: ReplaySelection, options: { group: string; dryRun: boolean }): Promise<GroupRewindSummary> {
  const { group, dryRun } = options;
  return withAdmin(kafka, async (admin) => {
    const { state, members } = await admin.groupState(group);
    if (members > 0) {
      throw new Error(`consumer group ${group} has ${members} member(s) (${state}): stop the service instances reading with it first; a group's offsets can only be moved while nobody reads with it`);
    }
    const [ranges, committed] = await Promise.all([planRanges(admin, selection), admin.groupOffsets(group, selection.topic)]);
    const partitions = ranges.map(({ partition, start, end }): PartitionRewind => {
      const at = committed.get(partition);
      return { partition, committed: at ?? null, rewindTo: String(start), end: String(end), again: Number((at === undefined ? end : BigInt(at)) - start) };
    });
    const ahead = partitions.filter((p) => p.again < 0);
    if (ahead.length > 0) {
      throw new Error(
        `consumer group ${group} has not yet processed up to the selection's start (${ahead.map((p) => `partition ${p.partition}: at ${p.committed}, start ${p.rewindTo}`).join('; ')}); a rewind never skips records`,
      );
    }
    const moves = partitions.filter((p) => p.committed !== p.rewindTo);
    if (!dryRun && moves.length > 0) await admin.setGroupOffsets(group, selection.topic, new Map(moves.map((p) => [p.partition, p.rewindTo])));
    return { topic: selection.topic, group, dryRun, partitions, again: partitions.reduce((sum, p) => sum + p.again, 0) };
  });
}

/** A rewind, for people: a row per partition, then what happened. */
export function formatGroupRewind(summary: GroupRewindSummary): string[] {
  const again = `${count.format(summary.again)} record(s) of ${summary.topic} again, unmarked (the originals: status events do not say replay)`;
  return [
    ...formatTable(
      ['partition', 'committed', 'rewind to', 'end', 'read again'],
      summary.partitions.map((p) => [String(p.partition), p.committed ?? '-', p.rewindTo, p.end, count.format(p.again)]),
    ),
    summary.dryRun
      ? `would rewind consumer group ${summary.group}: it would read ${again} (dry run: nothing changed)`
      : `rewound consumer group ${summary.group}: once its service runs it reads ${again}`,
  ];
}
