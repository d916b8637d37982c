import { deadLetterTopicOf } from '@amtsbote/schemas';
import type { AmtsboteError } from './errors.js';
import type { ConsumedRecord, OutgoingRecord } from './kafka/types.js';

/** Who wrote a dead letter: goes into its headers so an operator knows which build to blame. */
export interface ServiceIdentity {
  name: string;
  version: string;
}

/** Header names of dead-letter records; the original record's headers are kept beside them. */
export const deadLetterHeaders = {
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  errorClass: 'dlq_error_class',
  errorCode: 'dlq_error_code',
  errorMessage: 'dlq_error_message',
  attempts: 'dlq_attempts',
  service: 'dlq_service',
  serviceVersion: 'dlq_service_version',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * The dead-letter record for a record that cannot be processed: the original key and bytes untouched,
 * so it can be redriven as it was, and headers that say where it came from and why it failed.
 */
export function toDeadLetter(
  record: ConsumedRecord,
  error: AmtsboteError,
  context: { service: ServiceIdentity; attempts: number; now?: Date },
): OutgoingRecord {
  return {
    topic: deadLetterTopicOf(record.topic),
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [deadLetterHeaders.sourceTopic]: record.topic,
      [deadLetterHeaders.sourcePartition]: String(record.partition),
      [deadLetterHeaders.sourceOffset]: record.offset,
      [deadLetterHeaders.errorClass]: error.retriable ? 'retriable' : 'permanent',
      [deadLetterHeaders.errorCode]: error.code,
      [deadLetterHeaders.errorMessage]: error.message.slice(0, 1_000),
      [deadLetterHeaders.attempts]: String(context.attempts),
      [deadLetterHeaders.service]: context.service.name,
      [deadLetterHeaders.serviceVersion]: context.service.version,
      [deadLetterHeaders.failedAt]: (context.now ?? new Date()).toISOString(),
    },
  };
}
