import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { createSubmissionRecord, type AvroCodec, type Producer } from '@amtsbote/core';
import { sampleGewerbeanmeldung, type Contract } from '@amtsbote/schemas';

/** Options of the front-office simulator. */
export interface SimulateOptions {
  count: number;
  /** Number of the first sample; samples are deterministic per number. */
  start: number;
  /** Applications per second; 0 sends as fast as the broker takes them. */
  rate: number;
  /** Gives each run fresh ids, so the same sample numbers count as new applications. */
  fresh: boolean;
}

/** Sends sample applications like a front office would; returns their application ids. */
export async function simulate(
  producer: Producer,
  codec: AvroCodec,
  submitted: Contract,
  options: SimulateOptions,
): Promise<string[]> {
  const runId = options.fresh ? randomUUID().slice(0, 8) : undefined;
  const ids: string[] = [];
  const batchSize = options.rate > 0 ? Math.max(1, Math.min(100, Math.round(options.rate / 10))) : 200;
  const started = Date.now();
  for (let sent = 0; sent < options.count; ) {
    const batch = [];
    for (let i = 0; i < batchSize && sent < options.count; i++, sent++) {
      const n = options.start + sent;
      const sample = sampleGewerbeanmeldung(n);
      const submission = runId
        ? { ...sample, eventId: randomUUID(), applicationId: `${sample.applicationId}-${runId}`, submittedAt: new Date() }
        : sample;
      ids.push(submission.applicationId);
      batch.push(await createSubmissionRecord(codec, submitted, submission));
    }
    await producer.send(batch);
    if (options.rate > 0) {
      const due = started + (ids.length / options.rate) * 1000;
      await sleep(Math.max(0, due - Date.now()));
    }
  }
  return ids;
}
