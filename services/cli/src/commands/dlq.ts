import { deadLetterHeaders, errorCodes, isRetriable, REPLAY_HEADER, toAmtsboteError, type AvroCodec, type ConsumedRecord, type Headers, type KafkaClient, type OutgoingRecord } from '@amtsbote/core';
import { contractsFor, deadLetterTopicOf } from '@amtsbote/schemas';
import { readTopicsToEnd } from './read-to-end.js';
import { formatTable } from './table.js';
import { formatTime } from './watch.js';

/** The topics that have a dead-letter topic (`deadLetter: true` in infra/topics.yaml), by the short name ids use. */
export const deadLetterRoles = ['submitted', 'outbound', 'replies'] as const;
export type DeadLetterRole = (typeof deadLetterRoles)[number];

/** On a redriven record: the full id (`<dlq topic>/<partition>/<offset>`) of the dead letter it came from. */
export const REDRIVE_OF_HEADER = 'amtsbote_redrive_of';

/**
 * A redrive marker is a record without value that `dlq redrive` writes into the dead-letter topic
 * after the redriven record was acknowledged, so the same dead letter is not redriven twice by
 * accident. It has no dlq_* headers: it is not a dead letter, and it expires with them.
 */
export const redriveMarkerHeaders = { of: 'amtsbote_redriven', to: 'amtsbote_redriven_to', at: 'amtsbote_redriven_at' } as const;

/** The dead-letter topic of each role, with the topic prefix applied. */
export function deadLetterTopicsOf(prefix: string): Record<DeadLetterRole, string> {
  const contracts = contractsFor(prefix);
  return {
    submitted: deadLetterTopicOf(contracts.submitted.topic),
    outbound: deadLetterTopicOf(contracts.outbound.topic),
    replies: deadLetterTopicOf(contracts.replies.topic),
  };
}

/** A topic name as people read it: without this environment's prefix. */
export function withoutPrefix(topic: string, prefix: string): string {
  return prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
}

/** Where a dead letter is. */
export interface DeadLetterPlace {
  role: DeadLetterRole;
  topic: string;
  partition: number;
  offset: string;
}

/** A dead letter as the operator sees it: where it is, where it came from, why it failed. */
export interface DeadLetter extends DeadLetterPlace {
  /** `<role>/<partition>/<offset>`, e.g. `submitted/2/41`: what `dlq show` and `dlq redrive` take. */
  id: string;
  /** The record's key: the application id, or the message id for replies, or the destination for inbox files. */
  key: string | null;
  sourceTopic: string;
  sourcePartition: string | null;
  sourceOffset: string | null;
  errorClass: string;
  errorCode: string;
  errorMessage: string;
  attempts: number | null;
  service: string;
  serviceVersion: string;
  failedAt: Date;
  /** Set when a redrive marker says it was redriven. */
  redriven: { at: Date; to: string } | null;
}

/** A dead letter with the record it is read from, for showing and redriving. */
export interface StoredDeadLetter {
  deadLetter: DeadLetter;
  record: ConsumedRecord;
}

/** A dead letter's id as people type it, e.g. `submitted/2/41`. */
export function shortIdOf(place: DeadLetterPlace): string {
  return `${place.role}/${place.partition}/${place.offset}`;
}

/** A dead letter's id unambiguous across environments (`<dlq topic>/<partition>/<offset>`): the form redrive headers and markers use. */
export function fullIdOf(place: DeadLetterPlace): string {
  return `${place.topic}/${place.partition}/${place.offset}`;
}

function roleOfTopic(topic: string, prefix: string): DeadLetterRole | undefined {
  const topics = deadLetterTopicsOf(prefix);
  return deadLetterRoles.find((role) => topics[role] === topic);
}

/** Reads a dead letter from its record; undefined for anything else in a dead-letter topic (e.g. a redrive marker). */
export function deadLetterOf(record: ConsumedRecord, prefix: string): DeadLetter | undefined {
  const h = record.headers;
  const sourceTopic = h[deadLetterHeaders.sourceTopic];
  const role = roleOfTopic(record.topic, prefix);
  if (!sourceTopic || !role) return undefined;
  const failedAt = new Date(h[deadLetterHeaders.failedAt] ?? Number.NaN);
  const attempts = Number.parseInt(h[deadLetterHeaders.attempts] ?? '', 10);
  const place: DeadLetterPlace = { role, topic: record.topic, partition: record.partition, offset: record.offset };
  return {
    id: shortIdOf(place),
    ...place,
    key: record.key?.toString('utf8') ?? null,
    sourceTopic,
    sourcePartition: h[deadLetterHeaders.sourcePartition] ?? null,
    sourceOffset: h[deadLetterHeaders.sourceOffset] ?? null,
    errorClass: h[deadLetterHeaders.errorClass] ?? 'unknown',
    errorCode: h[deadLetterHeaders.errorCode] ?? 'unknown',
    errorMessage: h[deadLetterHeaders.errorMessage] ?? '',
    attempts: Number.isNaN(attempts) ? null : attempts,
    service: h[deadLetterHeaders.service] ?? 'unknown',
    serviceVersion: h[deadLetterHeaders.serviceVersion] ?? 'unknown',
    failedAt: Number.isNaN(failedAt.getTime()) ? record.timestamp : failedAt,
    redriven: null,
  };
}

/** Reads the dead-letter topics (all, or some roles) to their current end, with what redrive markers say. */
export async function readDeadLetters(kafka: KafkaClient, prefix: string, roles: readonly DeadLetterRole[] = deadLetterRoles): Promise<StoredDeadLetter[]> {
  const topics = deadLetterTopicsOf(prefix);
  const records = await readTopicsToEnd(kafka, [...new Set(roles)].map((role) => topics[role]), { purpose: 'dlq' });
  return withRedriveMarkers(records, prefix);
}

/** Pairs records of dead-letter topics into dead letters, each marked as redriven when a marker says so; in topic, partition, offset order. */
export function withRedriveMarkers(records: ConsumedRecord[], prefix: string): StoredDeadLetter[] {
  const redriven = new Map<string, { at: Date; to: string }>();
  const stored: StoredDeadLetter[] = [];
  for (const record of records) {
    const of = record.headers[redriveMarkerHeaders.of];
    if (of) {
      redriven.set(of, { at: new Date(record.headers[redriveMarkerHeaders.at] ?? record.timestamp), to: record.headers[redriveMarkerHeaders.to] ?? '' });
      continue;
    }
    const deadLetter = deadLetterOf(record, prefix);
    if (deadLetter) stored.push({ deadLetter, record });
  }
  for (const entry of stored) entry.deadLetter.redriven = redriven.get(fullIdOf(entry.deadLetter)) ?? null;
  return stored.sort(
    (a, b) =>
      a.deadLetter.topic.localeCompare(b.deadLetter.topic) ||
      a.deadLetter.partition - b.deadLetter.partition ||
      Number(BigInt(a.deadLetter.offset) - BigInt(b.deadLetter.offset)),
  );
}

/** Which dead letters to list or redrive. */
export interface DeadLetterFilter {
  roles?: DeadLetterRole[];
  code?: string;
  errorClass?: 'permanent' | 'retriable';
  /** Only those that failed at least this long ago. */
  olderThanMs?: number;
}

/** Whether a dead letter passes the filter. */
export function matchesFilter(deadLetter: DeadLetter, filter: DeadLetterFilter, now: Date): boolean {
  return (
    (!filter.roles || filter.roles.includes(deadLetter.role)) &&
    (!filter.code || deadLetter.errorCode === filter.code) &&
    (!filter.errorClass || deadLetter.errorClass === filter.errorClass) &&
    (filter.olderThanMs === undefined || now.getTime() - deadLetter.failedAt.getTime() >= filter.olderThanMs)
  );
}

/** The role a `--topic` names: `submitted`, `applications.submitted.v1` or `applications.submitted.v1.dlq`, with or without the prefix. */
export function parseDeadLetterRole(text: string, prefix: string): DeadLetterRole {
  const topics = deadLetterTopicsOf(prefix);
  const role = deadLetterRoles.find((r) => {
    const names = [r, topics[r], topics[r].replace(/\.dlq$/, '')];
    return names.includes(text) || names.includes(`${prefix}${text}`);
  });
  if (!role) {
    const known = deadLetterRoles.map((r) => `${r} (${withoutPrefix(topics[r], prefix)})`).join(', ');
    throw new Error(`"${text}" is not a topic with dead letters; known: ${known}`);
  }
  return role;
}

/** A dead letter's place, from `<role or dlq topic>/<partition>/<offset>`. */
export function parseDeadLetterId(text: string, prefix: string): DeadLetterPlace {
  const match = /^([^/]+)\/(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a dead-letter id; ids look like submitted/2/41 (topic/partition/offset, as dlq list prints them)`);
  const role = parseDeadLetterRole(match[1]!, prefix);
  return { role, topic: deadLetterTopicsOf(prefix)[role], partition: Number(match[2]), offset: BigInt(match[3]!).toString() };
}

/** An error code, with or without `AMTSBOTE_`, in any case; refuses codes that do not exist, so a typo does not match nothing. */
export function parseErrorCode(text: string): string {
  const code = text.toUpperCase().startsWith('AMTSBOTE_') ? text.toUpperCase() : `AMTSBOTE_${text.toUpperCase()}`;
  if (!(errorCodes as readonly string[]).includes(code)) throw new Error(`unknown error code "${text}"; known: ${errorCodes.join(', ')}`);
  return code;
}

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `90s`, `30m`, `6h`, `2d` or `1d12h`, in milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`"${text}" is not a duration; use e.g. 90s, 30m, 6h, 2d or 1d12h`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

/** An age in the two largest units, e.g. `45s`, `12m`, `3h12m`, `2d4h`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return h > 0 ? `${d}d${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h${m}m` : `${h}h`;
  if (m > 0) return s > 0 ? `${m}m${s}s` : `${m}m`;
  return `${s}s`;
}

/** The dead letters as a table, for people. */
export function formatDeadLetterTable(deadLetters: DeadLetter[], options: { prefix: string; now: Date }): string[] {
  const age = (at: Date) => formatAge(options.now.getTime() - at.getTime());
  return formatTable(
    ['ID', 'AGE', 'SOURCE', 'CODE', 'CLASS', 'KEY', 'SERVICE', 'REDRIVEN'],
    deadLetters.map((d) => [
      d.id,
      age(d.failedAt),
      withoutPrefix(d.sourceTopic, options.prefix),
      d.errorCode,
      d.errorClass,
      d.key ?? '-',
      d.service,
      d.redriven ? `${age(d.redriven.at)} ago` : '-',
    ]),
  );
}

/** How many dead letters each topic holds per error code. */
export interface DeadLetterCount {
  topic: string;
  code: string;
  count: number;
  redriven: number;
}

/** Counts dead letters by topic and error code, in topic and code order. */
export function countDeadLetters(deadLetters: DeadLetter[]): DeadLetterCount[] {
  const counts = new Map<string, DeadLetterCount>();
  for (const d of deadLetters) {
    const key = `${d.topic}\n${d.errorCode}`;
    const count = counts.get(key) ?? { topic: d.topic, code: d.errorCode, count: 0, redriven: 0 };
    count.count++;
    if (d.redriven) count.redriven++;
    counts.set(key, count);
  }
  return [...counts.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.code.localeCompare(b.code));
}

/** The counts as a summary under the table, for people. */
export function formatDeadLetterCounts(counts: DeadLetterCount[], prefix: string): string[] {
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) return ['no dead letters'];
  const redriven = counts.reduce((n, c) => n + c.redriven, 0);
  return [
    `${total} dead letter(s)${redriven > 0 ? `, ${redriven} of them redriven already` : ''}:`,
    ...formatTable(
      ['TOPIC', 'CODE', 'COUNT', 'REDRIVEN'],
      counts.map((c) => [withoutPrefix(c.topic, prefix), c.code, String(c.count), String(c.redriven)]),
    ).map((line) => `  ${line}`),
  ];
}

/** A record value decoded as far as possible: Avro through the registry, else text, else bytes. */
export type DecodedValue =
  | { format: 'none' }
  /** Byte fields (e.g. an XÖV message's XML payload) are text when they are UTF-8 text, else `{ base64 }`. */
  | { format: 'avro'; schemaId: number; value: Record<string, unknown> }
  | { format: 'text'; bytes: number; text: string }
  /** `reason`: why it is not shown decoded, e.g. an unknown schema id. */
  | { format: 'bytes'; bytes: number; base64: string; reason: string | null };

/** The bytes as text when they are UTF-8 without control characters other than tab and line breaks. */
function asText(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A decoded Avro value as plain JSON data: dates as ISO strings, bytes as text or base64. */
function toPlain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return asText(value) ?? { base64: value.toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

/** Decodes a dead letter's value for `dlq show`. Only a registry that cannot be reached (retriable) is an error. */
export async function decodeValue(codec: AvroCodec, value: Buffer | null): Promise<DecodedValue> {
  if (!value) return { format: 'none' };
  let reason: string | null = null;
  if (value.length >= 5 && value[0] === 0) {
    try {
      const decoded = await codec.decode<Record<string, unknown>>(value);
      return { format: 'avro', schemaId: value.readInt32BE(1), value: toPlain(decoded) as Record<string, unknown> };
    } catch (err) {
      if (isRetriable(err)) throw err;
      const error = toAmtsboteError(err);
      reason = `${error.code}: ${error.message}`;
    }
  }
  const text = reason === null ? asText(value) : undefined;
  if (text !== undefined) return { format: 'text', bytes: value.length, text };
  return { format: 'bytes', bytes: value.length, base64: value.toString('base64'), reason };
}

/** What `dlq show` shows of one dead letter. */
export interface DeadLetterDetails {
  deadLetter: DeadLetter;
  headers: Headers;
  value: DecodedValue;
}

/** Finds one dead letter and decodes it; undefined when there is no such dead letter (any more). */
export async function showDeadLetter(kafka: KafkaClient, codec: AvroCodec, prefix: string, place: DeadLetterPlace): Promise<DeadLetterDetails | undefined> {
  const stored = await readDeadLetters(kafka, prefix, [place.role]);
  const found = stored.find(({ deadLetter }) => fullIdOf(deadLetter) === fullIdOf(place));
  if (!found) return undefined;
  return { deadLetter: found.deadLetter, headers: found.record.headers, value: await decodeValue(codec, found.record.value) };
}

const HEX_PREVIEW_BYTES = 256;

/** The first bytes as a hex dump: offset, 16 bytes in hex, the printable ones as characters. */
function hexDump(bytes: Buffer): string[] {
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, HEX_PREVIEW_BYTES); at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const chars = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${chars}|`);
  }
  if (bytes.length > HEX_PREVIEW_BYTES) lines.push(`… ${bytes.length - HEX_PREVIEW_BYTES} more bytes (--json has them all, as base64)`);
  return lines;
}

/** Long or multi-line text fields of a decoded value (an XML payload) are shown below it, not inside the JSON. */
function formatAvroValue(value: Record<string, unknown>): string[] {
  const long = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && (entry[1].includes('\n') || entry[1].length > 200));
  const inline = { ...value, ...Object.fromEntries(long.map(([name, text]) => [name, `(${text.length} characters, shown below)`])) };
  return [...JSON.stringify(inline, null, 2).split('\n'), ...long.flatMap(([name, text]) => [`${name}:`, text])];
}

/** One dead letter with its headers and value, for people. */
export function formatDeadLetterDetails(details: DeadLetterDetails, options: { prefix: string; now: Date }): string[] {
  const d = details.deadLetter;
  const { value } = details;
  const age = (at: Date) => formatAge(options.now.getTime() - at.getTime());
  const source = [withoutPrefix(d.sourceTopic, options.prefix), d.sourcePartition && `partition ${d.sourcePartition}`, d.sourceOffset && `offset ${d.sourceOffset}`];
  const lines = [
    `dead letter ${d.id} (${withoutPrefix(d.topic, options.prefix)}, partition ${d.partition}, offset ${d.offset})`,
    `  failed    ${formatTime(d.failedAt)} (${age(d.failedAt)} ago) in ${d.service} ${d.serviceVersion}${d.attempts === null ? '' : ` after ${d.attempts} attempt(s)`}`,
    `  source    ${source.filter(Boolean).join(', ')}`,
    `  error     ${d.errorCode} (${d.errorClass}): ${d.errorMessage}`,
    `  key       ${d.key ?? '-'}`,
    `  redriven  ${d.redriven ? `${formatTime(d.redriven.at)} (${age(d.redriven.at)} ago) to ${withoutPrefix(d.redriven.to, options.prefix)}` : 'no'}`,
    'headers:',
    ...Object.keys(details.headers)
      .sort((a, b) => Number(!a.startsWith('dlq_')) - Number(!b.startsWith('dlq_')) || a.localeCompare(b))
      .map((name) => `  ${name}: ${details.headers[name]}`),
  ];
  switch (value.format) {
    case 'none':
      return [...lines, 'value: none'];
    case 'avro':
      return [...lines, `value: Avro, schema id ${value.schemaId}:`, ...formatAvroValue(value.value)];
    case 'text':
      return [...lines, `value: text, ${value.bytes} bytes:`, value.text];
    case 'bytes':
      return [...lines, `value: ${value.bytes} bytes${value.reason ? ` (${value.reason})` : ''}:`, ...hexDump(Buffer.from(value.base64, 'base64'))];
  }
}

/** Which dead letters to redrive: by id, or by filter; `again` includes those redriven before. */
export type RedriveSelection = { places: DeadLetterPlace[]; again: boolean } | { filter: DeadLetterFilter; again: boolean };

/** What a redrive does (or, on a dry run, would do). */
export interface RedrivePlan {
  redrive: StoredDeadLetter[];
  /** Redriven before, and not asked for `again`. */
  skipped: { deadLetter: DeadLetter; reason: string }[];
  /** Cannot be redriven, e.g. a refused inbox file: there is no topic to send it to. */
  refused: { deadLetter: DeadLetter; reason: string }[];
  /** Ids (short form) asked for that are no dead letter (any more); when there are any, nothing is redriven. */
  unknown: string[];
}

/** Decides what to redrive: every selected dead letter whose source topic exists and which was not redriven before. */
export function planRedrive(stored: StoredDeadLetter[], selection: RedriveSelection, context: { now: Date; topics: Set<string> }): RedrivePlan {
  const plan: RedrivePlan = { redrive: [], skipped: [], refused: [], unknown: [] };
  let selected: StoredDeadLetter[];
  if ('places' in selection) {
    const byId = new Map(stored.map((entry) => [fullIdOf(entry.deadLetter), entry]));
    selected = [];
    for (const place of selection.places) {
      const entry = byId.get(fullIdOf(place));
      if (entry) selected.push(entry);
      else plan.unknown.push(shortIdOf(place));
    }
  } else {
    selected = stored.filter(({ deadLetter }) => matchesFilter(deadLetter, selection.filter, context.now));
  }
  for (const entry of new Set(selected)) {
    const d = entry.deadLetter;
    if (d.sourceTopic.startsWith('inbox:')) {
      const destination = d.sourceTopic.slice('inbox:'.length);
      plan.refused.push({ deadLetter: d, reason: `a file refused by the inbox of ${destination}, never a record: there is no topic to redrive it to; put the file into that inbox again` });
    } else if (!context.topics.has(d.sourceTopic)) {
      plan.refused.push({ deadLetter: d, reason: `its source topic ${d.sourceTopic} does not exist (any more)` });
    } else if (d.redriven && !selection.again) {
      plan.skipped.push({ deadLetter: d, reason: `redriven already at ${d.redriven.at.toISOString()} (--again redrives it once more)` });
    } else {
      plan.redrive.push(entry);
    }
  }
  return plan;
}

const deadLetterHeaderNames = new Set<string>(Object.values(deadLetterHeaders));

/**
 * The record a dead letter goes back to its source topic as: its original key, value and headers,
 * without the dead-letter headers, marked as a replay (status events say `replay`) and with the
 * dead letter it comes from. Ids are derived, so what was delivered before is not delivered twice.
 */
export function redrivenRecordOf(entry: StoredDeadLetter): OutgoingRecord {
  const headers = Object.fromEntries(Object.entries(entry.record.headers).filter(([name]) => !deadLetterHeaderNames.has(name)));
  return {
    topic: entry.deadLetter.sourceTopic,
    key: entry.record.key,
    value: entry.record.value,
    headers: { ...headers, [REPLAY_HEADER]: 'true', [REDRIVE_OF_HEADER]: fullIdOf(entry.deadLetter) },
  };
}

/** The marker that records, in the dead-letter topic, that a dead letter was redriven. */
export function redriveMarkerOf(entry: StoredDeadLetter, now: Date): OutgoingRecord {
  return {
    topic: entry.deadLetter.topic,
    key: entry.record.key,
    value: null,
    headers: {
      [redriveMarkerHeaders.of]: fullIdOf(entry.deadLetter),
      [redriveMarkerHeaders.to]: entry.deadLetter.sourceTopic,
      [redriveMarkerHeaders.at]: now.toISOString(),
    },
  };
}

/**
 * Redrives dead letters back into processing (after a fix): first the records, then, once they are
 * acknowledged, the markers. A crash in between only means a later redrive sends them again, which
 * the derived ids make harmless. Nothing is sent on a dry run or when an id is unknown.
 */
export async function redriveDeadLetters(
  kafka: KafkaClient,
  prefix: string,
  selection: RedriveSelection,
  options: { dryRun: boolean; now?: Date },
): Promise<RedrivePlan> {
  const now = options.now ?? new Date();
  const stored = await readDeadLetters(kafka, prefix, 'places' in selection ? selection.places.map((place) => place.role) : selection.filter.roles);
  const admin = kafka.admin();
  await admin.connect();
  let topics: Set<string>;
  try {
    topics = new Set(await admin.listTopics());
  } finally {
    await admin.disconnect();
  }
  const plan = planRedrive(stored, selection, { now, topics });
  if (options.dryRun || plan.unknown.length > 0 || plan.redrive.length === 0) return plan;
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send(plan.redrive.map(redrivenRecordOf));
    await producer.send(plan.redrive.map((entry) => redriveMarkerOf(entry, now)));
  } finally {
    await producer.disconnect();
  }
  return plan;
}

/** What a redrive did or would do, for people. */
export function formatRedrive(plan: RedrivePlan, options: { dryRun: boolean; prefix: string }): string[] {
  if (plan.unknown.length > 0) return [`redrive: no such dead letter: ${plan.unknown.join(', ')}; nothing redriven`];
  const verb = options.dryRun ? 'would redrive' : 'redrove';
  const describe = (d: DeadLetter) => `${d.id} (${d.errorCode}, key ${d.key ?? '-'})`;
  return [
    ...plan.redrive.map(({ deadLetter: d }) => `${verb} ${describe(d)} → ${withoutPrefix(d.sourceTopic, options.prefix)}`),
    ...plan.skipped.map(({ deadLetter, reason }) => `skipped ${describe(deadLetter)}: ${reason}`),
    ...plan.refused.map(({ deadLetter, reason }) => `refused ${describe(deadLetter)}: ${reason}`),
    `redrive: ${plan.redrive.length} ${options.dryRun ? 'to redrive (dry run, nothing sent)' : 'redriven'}, ${plan.skipped.length} skipped, ${plan.refused.length} refused`,
  ];
}

/** A redrive plan as JSON, for scripts. */
export function redriveJson(plan: RedrivePlan, dryRun: boolean): Record<string, unknown> {
  return {
    dryRun,
    redrive: plan.redrive.map(({ deadLetter }) => deadLetter),
    skipped: plan.skipped.map(({ deadLetter, reason }) => ({ id: deadLetter.id, reason })),
    refused: plan.refused.map(({ deadLetter, reason }) => ({ id: deadLetter.id, reason })),
    unknown: plan.unknown,
  };
}
