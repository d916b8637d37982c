import { isReplay, isRetriable, toAmtsboteError, type AvroCodec, type ConsumedRecord, type KafkaClient } from '@amtsbote/core';
import { contractsFor, type ApplicationStatus, type ApplicationSubmitted, type BackofficeReply, type XoevMessage } from '@amtsbote/schemas';
import { deadLetterOf, deadLetterTopicsOf, parseDeadLetterId, REDRIVE_OF_HEADER, redriveMarkerHeaders, shortIdOf, withoutPrefix } from './dlq.js';
import { readTopicsToEnd } from './read-to-end.js';
import { REPLAY_OF_HEADER } from './replay.js';
import { formatTable } from './table.js';
import { formatTime, statusDetail } from './watch.js';

/** What a record in an application's timeline is. */
export type TraceKind = 'submission' | 'message' | 'lane' | 'status' | 'reply' | 'dead_letter' | 'redrive' | 'other';

/** One record of an application's timeline: ids, types, statuses and codes, never payload content. */
export interface TraceEntry {
  /**
   * For a status event when the step happened (`occurredAt`, as `watch` shows it), for any other
   * record when it was written (its Kafka timestamp): a service's outputs of one step are written
   * one request after another, so their timestamps would put a status before the message it is about.
   */
  time: Date;
  topic: string;
  partition: number;
  offset: string;
  kind: TraceKind;
  /** For status events: the status. */
  status?: ApplicationStatus['status'];
  what: string;
}

/** An application's timeline across all topics. */
export interface Trace {
  applicationId: string;
  /** The XÖV message ids sent for it; replies are keyed by these. */
  messageIds: string[];
  entries: TraceEntry[];
}

/** The topics of one environment a trace reads, and how to tell lanes apart. */
export function traceTopicsOf(prefix: string) {
  const contracts = contractsFor(prefix);
  const lane = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}delivery\\.lane\\.([a-z0-9][a-z0-9-]*)\\.v1$`);
  return {
    submitted: contracts.submitted.topic,
    outbound: contracts.outbound.topic,
    status: contracts.status.topic,
    replies: contracts.replies.topic,
    deadLetters: deadLetterTopicsOf(prefix),
    /** The destination of a lane topic, `delivery.lane.<destination>.v1` (docs/decisions/0005); undefined for other topics. */
    laneDestinationOf: (topic: string) => lane.exec(topic)?.[1],
  };
}

/**
 * Where each kind of record comes in the flow, to order records of the same millisecond. A status
 * event's time is taken before the records of its step are written, so it goes first.
 */
const flowOrder = ['submission', 'received', 'translated', 'message', 'lane', 'delivered', 'rejected', 'delivery_failed', 'dead_letter', 'reply', 'acknowledged', 'in_progress', 'decided', 'redrive', 'other'];
const flowRank = (e: TraceEntry) => flowOrder.indexOf(e.status ?? e.kind);

/** Sorts a timeline by time, then by the order of the flow. */
export function sortTimeline(entries: TraceEntry[]): TraceEntry[] {
  return [...entries].sort((a, b) => a.time.getTime() - b.time.getTime() || flowRank(a) - flowRank(b));
}

/** How a record came to be there again, if an operator replayed or redrove it. */
function replayNote(record: ConsumedRecord): string {
  const redriveOf = record.headers[REDRIVE_OF_HEADER];
  const replayOf = record.headers[REPLAY_OF_HEADER];
  if (redriveOf) return ` (redriven from ${redriveOf})`;
  if (replayOf) return ` (replay of ${replayOf})`;
  return isReplay(record.headers) ? ' (replay)' : '';
}

/** What a decoded value says about the application, for its line in the timeline. */
type Description = Pick<TraceEntry, 'what' | 'status'> & { time?: Date; messageId?: string | null };

/** Describes the decoded value of one Avro topic's records. */
interface Describer {
  kind: TraceKind;
  describe(value: unknown): Description;
}

/** A describer for values of a contract's type, as the codec decodes them. */
const describer = <T>(kind: TraceKind, describe: (value: T) => Description): Describer => ({ kind, describe: (value) => describe(value as T) });

/** The describer of each Avro topic of a trace. */
function describersOf(prefix: string): Map<string, Describer> {
  const topics = traceTopicsOf(prefix);
  return new Map([
    [
      topics.submitted,
      describer('submission', (s: ApplicationSubmitted) => ({
        what: `submitted (${s.serviceName}, ${s.serviceKey}) for municipality ${s.tenant.ags ?? s.tenant.ars ?? '?'}`,
      })),
    ],
    [
      topics.outbound,
      describer('message', (m: XoevMessage) => ({
        what: `translated → ${m.standard} ${m.standardVersion} ${m.messageType} for ${m.destinationId}, message ${m.messageId}`,
        messageId: m.messageId,
      })),
    ],
    [
      topics.status,
      describer('status', (e: ApplicationStatus) => {
        const detail = statusDetail(e);
        const outcome = e.outcome ? ` (${e.outcome})` : '';
        const what = `status ${e.status}${outcome} by ${e.source}${detail ? ` — ${detail}` : ''}${e.replay ? ' (replay)' : ''}`;
        return { status: e.status, time: e.occurredAt, what, messageId: e.messageId };
      }),
    ],
    [
      topics.replies,
      describer('reply', (r: BackofficeReply) => ({
        what: `reply ${r.messageType} (${r.standard} ${r.standardVersion}) to message ${r.inReplyTo} by ${r.channel}`,
      })),
    ],
  ]);
}

/**
 * Describes one record of the application, with the message id it names, if any. Values are decoded
 * for their ids and types only; an undecodable one is named as such, but a registry that cannot be
 * reached fails the trace.
 */
export async function describeRecord(record: ConsumedRecord, codec: AvroCodec, prefix: string): Promise<{ entry: TraceEntry; messageId?: string | null }> {
  const at = { time: record.timestamp, topic: record.topic, partition: record.partition, offset: record.offset };
  const deadLetter = deadLetterOf(record, prefix);
  if (deadLetter) {
    const what = `dead letter ${deadLetter.errorCode} (${deadLetter.errorClass}) from ${withoutPrefix(deadLetter.sourceTopic, prefix)}: ${deadLetter.id}`;
    return { entry: { ...at, kind: 'dead_letter', what } };
  }
  const redriven = record.headers[redriveMarkerHeaders.of];
  if (redriven) {
    const what = `dead letter ${shortIdOf(parseDeadLetterId(redriven, prefix))} redriven to ${withoutPrefix(record.headers[redriveMarkerHeaders.to] ?? '?', prefix)}`;
    return { entry: { ...at, kind: 'redrive', what } };
  }
  const lane = traceTopicsOf(prefix).laneDestinationOf(record.topic);
  if (lane) return { entry: { ...at, kind: 'lane', what: `queued on lane ${lane}${replayNote(record)}` } };
  const describer = describersOf(prefix).get(record.topic);
  if (!describer) return { entry: { ...at, kind: 'other', what: 'a record that is neither a dead letter nor a redrive marker' } };
  try {
    const { messageId, time, ...description } = describer.describe(await codec.decode(record.value));
    // A status event says itself whether a replay caused it.
    const what = describer.kind === 'status' ? description.what : `${description.what}${replayNote(record)}`;
    return { entry: { ...at, ...(time ? { time } : {}), kind: describer.kind, ...description, what }, messageId };
  } catch (err) {
    if (isRetriable(err)) throw err;
    return { entry: { ...at, kind: describer.kind, what: `${describer.kind} (undecodable: ${toAmtsboteError(err).code})` } };
  }
}

/**
 * Collects an application's records from every topic: first those keyed by its id (submissions,
 * messages, lanes, status events, their dead letters), then the replies, keyed by the ids of the
 * messages found. Each topic is read from the beginning to its current end: O(size of the topics).
 */
export async function traceApplication(kafka: KafkaClient, codec: AvroCodec, prefix: string, applicationId: string): Promise<Trace> {
  const topics = traceTopicsOf(prefix);
  const admin = kafka.admin();
  await admin.connect();
  let lanes: string[];
  try {
    lanes = (await admin.listTopics()).filter((topic) => topics.laneDestinationOf(topic) !== undefined).sort();
  } finally {
    await admin.disconnect();
  }

  const keyOf = (record: ConsumedRecord) => record.key?.toString('utf8');
  const byApplication = await readTopicsToEnd(
    kafka,
    [topics.submitted, topics.outbound, ...lanes, topics.status, topics.deadLetters.submitted, topics.deadLetters.outbound],
    { purpose: 'trace', keep: (record) => keyOf(record) === applicationId },
  );
  const entries: TraceEntry[] = [];
  const messageIds = new Set<string>();
  const add = async (records: ConsumedRecord[]) => {
    for (const record of records) {
      const { entry, messageId } = await describeRecord(record, codec, prefix);
      entries.push(entry);
      if (messageId) messageIds.add(messageId);
    }
  };
  await add(byApplication);
  if (messageIds.size > 0) {
    const replies = await readTopicsToEnd(kafka, [topics.replies, topics.deadLetters.replies], {
      purpose: 'trace',
      keep: (record) => messageIds.has(keyOf(record) ?? ''),
    });
    await add(replies);
  }
  return { applicationId, messageIds: [...messageIds].sort(), entries: sortTimeline(entries) };
}

/** A timeline as a table, for people. */
export function formatTrace(trace: Trace, prefix: string): string[] {
  const topicCount = new Set(trace.entries.map((e) => e.topic)).size;
  return [
    `application ${trace.applicationId}: ${trace.entries.length} record(s) in ${topicCount} topic(s)`,
    ...formatTable(
      ['TIME', 'TOPIC', 'WHAT'],
      trace.entries.map((e) => [formatTime(e.time), `${withoutPrefix(e.topic, prefix)}/${e.partition}/${e.offset}`, e.what]),
    ),
  ];
}
