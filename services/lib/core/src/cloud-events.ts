import { nextTraceparent } from './trace-context.js';

/** Kafka headers as Amtsbote reads them: UTF-8 strings. */
export type Headers = Record<string, string>;

/** The CloudEvents attributes (Kafka protocol binding, binary mode) and correlation of one record. */
export interface EventMeta {
  id: string;
  type: string;
  source: string;
  /** The application's id. */
  subject: string;
  time: Date;
  correlationId: string;
  causationId: string;
  traceparent: string;
  /** The event was caused by a replayed record, so it is marked as a replay too. */
  replay?: boolean;
}

/** Renders event metadata as Kafka headers (`ce_*` plus correlation and trace context). */
export function toHeaders(meta: EventMeta, extra: Headers = {}): Headers {
  return {
    ce_specversion: '1.0',
    ce_id: meta.id,
    ce_type: meta.type,
    ce_source: meta.source,
    ce_subject: meta.subject,
    ce_time: meta.time.toISOString(),
    'content-type': 'application/avro',
    correlationid: meta.correlationId,
    causationid: meta.causationId,
    traceparent: meta.traceparent,
    ...(meta.replay ? { [REPLAY_HEADER]: 'true' } : {}),
    ...extra,
  };
}

/** Metadata for an event caused by a consumed record: same correlation, causation = the consumed event, next span. */
export function causedBy(
  headers: Headers,
  event: { id: string; type: string; source: string; subject: string; time?: Date; causationId?: string },
): EventMeta {
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time ?? new Date(),
    correlationId: headers['correlationid'] ?? event.subject,
    causationId: headers['ce_id'] ?? event.causationId ?? 'unknown',
    traceparent: nextTraceparent(headers['traceparent']),
    // Whatever a replayed record causes is part of the replay, however many steps downstream.
    replay: isReplay(headers),
  };
}

/** Marks records re-processed on an operator's request; downstream status events say `replay`. */
export const REPLAY_HEADER = 'amtsbote_replay';

/** True when a record is a replay or was caused by one. */
export function isReplay(headers: Headers): boolean {
  return headers[REPLAY_HEADER] === 'true';
}
