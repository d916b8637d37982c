import { randomUUID } from 'node:crypto';
import { createSubmissionRecord, type AvroCodec, type Producer } from '@amtsbote/core';
import { sampleGewerbeanmeldung, type ApplicationSubmitted, type Contract } from '@amtsbote/schemas';

/** `count` sample Gewerbeanmeldungen with fresh ids under a prefix, so runs never collide. */
export function sampleSubmissions(prefix: string, count: number): ApplicationSubmitted[] {
  return Array.from({ length: count }, (_, i) =>
    sampleGewerbeanmeldung(i, { applicationId: `${prefix}app-${String(i).padStart(5, '0')}`, eventId: randomUUID() }),
  );
}

/** Produces submissions like a front office, in batches. */
export async function submit(producer: Producer, codec: AvroCodec, submitted: Contract, submissions: ApplicationSubmitted[]): Promise<void> {
  for (let i = 0; i < submissions.length; i += 200) {
    const batch = await Promise.all(submissions.slice(i, i + 200).map((s) => createSubmissionRecord(codec, submitted, s)));
    await producer.send(batch);
  }
}
