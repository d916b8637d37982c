import type { ApplicationStatus, Contract, StatusTypes } from '@amtsbote/schemas';
import type { AvroCodec } from './avro-codec.js';
import { causedBy, isReplay, toHeaders, type Headers } from './cloud-events.js';
import { deriveEventId } from './ids.js';
import type { Problem } from './errors.js';
import type { OutgoingRecord } from './kafka/types.js';

/** One of the states of the status model (docs/status-model.md). */
export type ApplicationState = StatusTypes.ApplicationState;

/** What a service reports about one step of one application. */
export interface StatusReport {
  applicationId: string;
  status: ApplicationState;
  /** The headers of the record that caused this status: correlation, causation and trace follow from them. */
  cause: Headers;
  source: string;
  /** The causing event's id when the cause has no `ce_id` header (e.g. an unreadable record). */
  causationId?: string;
  messageId?: string | null;
  destinationId?: string | null;
  outcome?: string | null;
  detail?: string | null;
  problems?: Problem[];
  occurredAt?: Date;
}

/**
 * Builds a status event record for the status contract (`contracts.status`, or a prefixed one). Its id is derived from the causing event and the status, so a step
 * that runs again emits the same event id; `replay` is set when the cause was a replayed record.
 */
export async function createStatusRecord(codec: AvroCodec, contract: Contract, report: StatusReport): Promise<OutgoingRecord> {
  const causationId = report.cause['ce_id'] ?? report.causationId ?? report.applicationId;
  const id = deriveEventId(causationId, report.status, report.source);
  const occurredAt = report.occurredAt ?? new Date();
  const value: ApplicationStatus = {
    eventId: id,
    applicationId: report.applicationId,
    status: report.status,
    occurredAt,
    source: report.source,
    causationId,
    messageId: report.messageId ?? null,
    destinationId: report.destinationId ?? null,
    outcome: report.outcome ?? null,
    detail: report.detail ?? null,
    problems: report.problems ?? [],
    replay: isReplay(report.cause),
  };
  const meta = causedBy(report.cause, {
    id,
    type: contract.ceType,
    source: report.source,
    subject: report.applicationId,
    time: occurredAt,
    causationId,
  });
  return {
    topic: contract.topic,
    key: report.applicationId,
    value: await codec.encode(contract, value),
    headers: toHeaders(meta),
  };
}
