import type { ApplicationSubmitted, Contract } from '@amtsbote/schemas';
import type { AvroCodec } from './avro-codec.js';
import { toHeaders } from './cloud-events.js';
import type { OutgoingRecord } from './kafka/types.js';
import { nextTraceparent } from './trace-context.js';

/**
 * The record a front office produces for a submission: Avro in the wire format, the application id
 * as key, CloudEvents headers; the submission starts the correlation, and the trace unless the front
 * office passes its own `traceparent` (W3C), which every later record then continues.
 */
export async function createSubmissionRecord(
  codec: AvroCodec,
  contract: Contract,
  submission: ApplicationSubmitted,
  options: { traceparent?: string } = {},
): Promise<OutgoingRecord> {
  return {
    topic: contract.topic,
    key: submission.applicationId,
    value: await codec.encode(contract, submission),
    headers: toHeaders({
      id: submission.eventId,
      type: contract.ceType,
      source: `frontoffice/${submission.frontOffice.system}`,
      subject: submission.applicationId,
      time: submission.submittedAt,
      correlationId: submission.applicationId,
      causationId: submission.eventId,
      traceparent: options.traceparent ?? nextTraceparent(undefined),
    }),
  };
}
