import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusRecord, createSubmissionRecord, deadLetterHeaders, type OutgoingRecord } from '@amtsbote/core';
import { deadLetterTopicOf, sampleGewerbeanmeldung, type ApplicationSubmitted } from '@amtsbote/schemas';
import { mb, metricSum, reportRow, startFaultPipeline, waitUntil, type FaultPipeline, type PipelineProcess } from '@amtsbote/testing';

/** The broker's default message.max.bytes: the largest record batch a topic takes. */
const BROKER_LIMIT = 1_048_588;
const ROUNDS = 3;

const sha256 = (bytes: Buffer | null) => createHash('sha256').update(bytes ?? Buffer.alloc(0)).digest('hex');

/** The Confluent wire format: magic byte 0, the schema id, then the Avro body. */
function wireFormat(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

describe('fault matrix, row 8: poison records on applications.submitted.v1', () => {
  let pipeline: FaultPipeline;
  let translator: PipelineProcess;

  beforeAll(async () => {
    pipeline = await startFaultPipeline('poison');
    translator = pipeline.processes.find((p) => p.service === 'translator')!;
  }, 300_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  it('dead-letters each with its bytes and headers, keeps memory bounded and the partition moving', { timeout: 600_000 }, async () => {
    const { env } = pipeline;
    const startedAt = Date.now();
    const submittedId = await env.codec.register(env.contracts.submitted);
    const rssBefore = metricSum(await translator.metrics(), 'process_resident_memory_bytes');

    // Each kind of poison, ROUNDS times, under keys of its own, each followed by a valid submission
    // with the same key (so on the same partition): it is only delivered if the poison did not block
    // the partition. One kind after the other, from the plain to the hard ones, so that a kind which
    // blocks shows as itself and does not hide the others.
    const kinds: [string, (key: string) => Promise<Buffer>][] = [
      ['not the wire format', async () => Buffer.from('{"applicationId":"json instead of Avro"}')],
      ['undecodable Avro', async () => wireFormat(submittedId, Buffer.from('kein Avro, nur Text'))],
      ['unknown schema id', async () => wireFormat(0x7fffff00, Buffer.from([1, 2, 3]))],
      // A submission of nearly 1 MB whose XÖV message (every & escaped) would be larger than a record may be.
      ['oversized submission', async (key) => (await createSubmissionRecord(env.codec, env.contracts.submitted, huge(key, 950_000))).value!],
      // A schema the registry knows, but another topic's: a status event where a submission belongs.
      [
        'incompatible schema',
        async (key) => (await createStatusRecord(env.codec, env.contracts.status, { applicationId: key, status: 'received', cause: {}, source: 'test/poison' })).value!,
      ],
      // Just below what the broker takes: its dead letter is the same bytes plus the dead-letter headers.
      ['record at the broker limit', async () => wireFormat(submittedId, Buffer.alloc(BROKER_LIMIT - 250, 0xfe))],
    ];
    const dlqTopic = deadLetterTopicOf(env.contracts.submitted.topic);
    const letterOf = (key: string) => pipeline.deadLetters.records.find((r) => r.topic === dlqTopic && r.key?.toString() === key);
    const poisons: { kind: string; key: string; value: Buffer; follower: ApplicationSubmitted }[] = [];
    const byKind = new Map<string, { lettered: number; delivered: number; codes: Set<string> }>();
    const producer = env.kafka.producer();
    await producer.connect();
    for (const [kind, make] of kinds) {
      const batch: typeof poisons = [];
      for (let round = 0; round < ROUNDS; round++) {
        const key = `${env.topicPrefix}${kind.replaceAll(' ', '-')}-${round}`;
        batch.push({ kind, key, value: await make(key), follower: sampleGewerbeanmeldung(round, { applicationId: key, eventId: randomUUID() }) });
      }
      for (const { key, value, follower } of batch) {
        await producer.send([{ topic: env.contracts.submitted.topic, key, value, headers: { ce_id: randomUUID() } } satisfies OutgoingRecord]);
        await producer.send([await createSubmissionRecord(env.codec, env.contracts.submitted, follower)]);
      }
      poisons.push(...batch);
      const settled = () => batch.every((p) => letterOf(p.key) && pipeline.statuses.of(p.key).some((e) => e.status === 'delivered'));
      await waitUntil(async () => (await pipeline.statuses.read(), settled()), 60_000, () => '').catch(() => {});
      const entry = { lettered: 0, delivered: 0, codes: new Set<string>() };
      for (const p of batch) {
        const letter = letterOf(p.key);
        if (letter) entry.codes.add(letter.headers[deadLetterHeaders.errorCode] ?? '?');
        if (letter) entry.lettered++;
        if (pipeline.statuses.of(p.key).some((e) => e.status === 'delivered')) entry.delivered++;
      }
      byKind.set(kind, entry);
    }
    await producer.disconnect();
    const rssAfter = metricSum(await translator.metrics(), 'process_resident_memory_bytes');
    reportRow(
      '8 poison records on applications.submitted.v1',
      [
        ...[...byKind].map(([kind, e]) => `${kind}: ${e.lettered}/${ROUNDS} dead-lettered (${[...e.codes].join(' ') || 'none'}), ${e.delivered}/${ROUNDS} next records delivered`),
        `translator RSS ${mb(rssBefore)} → ${mb(rssAfter)}`,
      ],
      startedAt,
    );

    for (const [kind, e] of byKind) expect({ kind, lettered: e.lettered, delivered: e.delivered }).toEqual({ kind, lettered: ROUNDS, delivered: ROUNDS });
    for (const poison of poisons) {
      const letter = letterOf(poison.key)!;
      // The original bytes, untouched, and headers that say where from and why.
      expect(sha256(letter.value), poison.kind).toBe(sha256(poison.value));
      expect(letter.headers, poison.kind).toMatchObject({
        [deadLetterHeaders.sourceTopic]: env.contracts.submitted.topic,
        [deadLetterHeaders.errorClass]: 'permanent',
        [deadLetterHeaders.service]: 'translator',
      });
      expect(letter.headers[deadLetterHeaders.sourceOffset], poison.kind).toMatch(/^\d+$/);
      // The front office hears of it: the application is `rejected`, once.
      expect(pipeline.statuses.of(poison.key).filter((e) => e.status === 'rejected').length, poison.kind).toBeGreaterThanOrEqual(1);
    }
    expect(pipeline.statuses.contradicting()).toEqual([]);
    // Bounded: a handful of megabyte records may not cost the translator more than a few times their size.
    expect(rssAfter - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });
});

/** A valid submission of about `bytes` bytes: the business description is that long. */
function huge(applicationId: string, bytes: number): ApplicationSubmitted {
  const sample = sampleGewerbeanmeldung(0, { applicationId, eventId: randomUUID() });
  const gewerbe = sample.data['de.amtsbote.application.v1.Gewerbeanzeige']!;
  return { ...sample, data: { 'de.amtsbote.application.v1.Gewerbeanzeige': { ...gewerbe, activity: 'Feinkost & '.repeat(Math.floor(bytes / 11)) } } };
}
