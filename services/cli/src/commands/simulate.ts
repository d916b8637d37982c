import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { createSubmissionRecord, type AvroCodec, type Producer } from '@amtsbote/core';
import { sampleBauantrag, sampleGewerbeanmeldung, type ApplicationSubmitted, type Contract } from '@amtsbote/schemas';

/** The sample applications the simulator can send, by name. */
export const sampleKinds: Record<string, (n: number) => ApplicationSubmitted> = {
  gewerbeanmeldung: sampleGewerbeanmeldung,
  bauantrag: sampleBauantrag,
};

/** Options of the front-office simulator. */
export interface SimulateOptions {
  /** Which kind of application (a key of `sampleKinds`). */
  kind: string;
  /** Send for this municipality (AGS) instead of the sample's own. */
  municipality?: { ags: string; name: string } | undefined;
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
      const make = sampleKinds[options.kind];
      if (!make) throw new Error(`unknown kind of application "${options.kind}"; known: ${Object.keys(sampleKinds).join(', ')}`);
      const own = make(n);
      const sample = options.municipality ? { ...own, tenant: { ags: options.municipality.ags, ars: null, name: options.municipality.name } } : own;
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
