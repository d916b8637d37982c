import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterHeaders } from '@amtsbote/core';
import type { BackofficeFault } from '@amtsbote/reference-backoffice';
import { deadLetterTopicOf, type XoevMessage } from '@amtsbote/schemas';
import {
  collectRecords,
  patchDestination,
  reportRow,
  sampleSubmissions,
  startFaultPipeline,
  waitUntil,
  type FaultPipeline,
  type RecordCollector,
} from '@amtsbote/testing';

const APPLICATIONS = 300;
const DESTINATION = 'darmstadt-gewerbe-dms';
/** Short, so a run gives up within seconds: the connector's timeout and the destination's retry policy. */
const TIMEOUT_MS = 1_000;
const POLICY = { initialDelayMs: 100, maxDelayMs: 500, maxElapsedMs: 5_000 };

/**
 * What the back office does with a message, by a hash of its id (so each message keeps its part on
 * every attempt): most behave, the others fail in every way lanes.int.test.ts (down for minutes) and
 * canaries.int.test.ts (503 until given up, 422) do not already cover.
 */
const parts = ['always 503', 'always hangs', '422', '503 twice', '429 Retry-After 1 s', 'very slow (600 ms)', '200 after our timeout', 'hangs once'] as const;
type Part = (typeof parts)[number] | 'behaves';
function partOf(messageId: string): Part {
  const bucket = parseInt(createHash('sha256').update(messageId).digest('hex').slice(0, 8), 16) % 30;
  return bucket < parts.length ? parts[bucket]! : 'behaves';
}

function faultFor(part: Part, attempt: number): BackofficeFault | undefined {
  switch (part) {
    case 'always 503':
      return { status: 503 };
    case 'always hangs':
      return { hang: true };
    case '422':
      return { status: 422 };
    case '503 twice':
      return attempt <= 2 ? { status: 503 } : undefined;
    case '429 Retry-After 1 s':
      return attempt === 1 ? { status: 429, retryAfterSeconds: 1 } : undefined;
    case 'very slow (600 ms)':
      return { answerAfterMs: 600 };
    case '200 after our timeout':
      return attempt === 1 ? { answerAfterMs: TIMEOUT_MS + 1_500 } : undefined;
    case 'hangs once':
      return attempt === 1 ? { hang: true } : undefined;
    default:
      return undefined;
  }
}

const givenUp = new Set<Part>(['always 503', 'always hangs', '422']);

describe('fault matrix, row 7: a back office that answers 5xx, 429, slowly, too late or never', () => {
  let pipeline: FaultPipeline;
  let lane: RecordCollector;
  /** Every request the back office got: the Idempotency-Key, the message id in the body, when. */
  const attempts = new Map<string, { key: string; at: number }[]>();

  beforeAll(async () => {
    pipeline = await startFaultPipeline('backoffice-faults', {
      backoffice: {
        fault: ({ idempotencyKey, xml }) => {
          // The message id as the body says it (xdomea ProzessID, decision 0003), independent of the header.
          const messageId = /<(?:\w+:)?ProzessID>([^<]+)</.exec(xml.toString('utf8'))?.[1] ?? 'none';
          const seen = [...(attempts.get(messageId) ?? []), { key: idempotencyKey, at: Date.now() }];
          attempts.set(messageId, seen);
          return faultFor(partOf(messageId), seen.length);
        },
      },
      masterData: (dir) =>
        patchDestination(dir, DESTINATION, (d) => {
          if (d.connector.type === 'http') d.connector.timeoutMs = TIMEOUT_MS;
          d.delivery = POLICY;
        }),
    });
    lane = await collectRecords(pipeline.env.kafka, [`${pipeline.env.topicPrefix}delivery.lane.${DESTINATION}.v1`]);
  }, 300_000);

  afterAll(async () => {
    await lane?.stop();
    await pipeline?.close();
  });

  it('retries a bounded number of times with the same Idempotency-Key, dead-letters at the end and never skips a record', { timeout: 600_000 }, async () => {
    const { env, statuses, backoffice } = pipeline;
    const startedAt = Date.now();
    const submissions = sampleSubmissions(env.topicPrefix, APPLICATIONS);
    await pipeline.submit(submissions);
    const ids = submissions.map((s) => s.applicationId);
    const outcome = (applicationId: string) => statuses.of(applicationId).find((e) => e.status === 'delivered' || e.status === 'delivery_failed');
    await waitUntil(async () => (await statuses.read(), ids.every(outcome)), 300_000, () => `${ids.filter((id) => !outcome(id)).length} of ${ids.length} without an outcome`);
    // Late answers and repeats in flight land before counting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await statuses.read();

    // By part: how many messages, what became of them, how many attempts each took.
    const messageOf = new Map<string, string>(); // application → message id
    for (const id of ids) messageOf.set(id, statuses.of(id).find((e) => e.messageId)!.messageId!);
    const byPart = new Map<Part, { messages: number; delivered: number; failed: number; attempts: number[] }>();
    for (const id of ids) {
      const messageId = messageOf.get(id)!;
      const part = partOf(messageId);
      const entry = byPart.get(part) ?? { messages: 0, delivered: 0, failed: 0, attempts: [] };
      entry.messages++;
      if (outcome(id)!.status === 'delivered') entry.delivered++;
      else entry.failed++;
      entry.attempts.push(attempts.get(messageId)?.length ?? 0);
      byPart.set(part, entry);
    }
    const dlqTopic = deadLetterTopicOf(env.contracts.outbound.topic);
    const deadLetters = pipeline.deadLetters.records.filter((r) => r.topic === dlqTopic);
    const wrongKeys = [...attempts].filter(([messageId, list]) => list.some((a) => a.key !== messageId)).length;
    reportRow(
      '7 back office: 5xx, 429, slow, 200 after our timeout, no answer',
      [
        `${APPLICATIONS} submitted`,
        `${backoffice.stats.unique} delivered unique`,
        `${backoffice.stats.duplicates} repeats deduplicated`,
        `${deadLetters.length} dead letters`,
        ...[...byPart].map(([part, e]) => `${part}: ${e.messages} msgs, ${e.delivered} delivered, ${e.failed} failed, attempts ${Math.min(...e.attempts)}-${Math.max(...e.attempts)}`),
        `${wrongKeys} with another Idempotency-Key on a retry`,
      ],
      startedAt,
    );

    for (const part of [...parts, 'behaves' as const]) expect(byPart.get(part)?.messages ?? 0, part).toBeGreaterThan(0);
    // The same Idempotency-Key on every attempt: the message id the body carries.
    expect(wrongKeys).toBe(0);
    for (const [part, e] of byPart) {
      expect({ part, delivered: e.delivered, failed: e.failed }).toEqual({ part, delivered: givenUp.has(part) ? 0 : e.messages, failed: givenUp.has(part) ? e.messages : 0 });
    }
    // Bounded: a refusal is final at once; retries stop after maxElapsedMs (5 s of backoff from 100 to 500 ms, or of 1 s timeouts).
    expect(Math.max(...byPart.get('422')!.attempts)).toBe(1);
    for (const part of ['always 503', 'always hangs'] as const) {
      const tries = byPart.get(part)!.attempts;
      expect(Math.min(...tries), part).toBeGreaterThanOrEqual(3);
      expect(Math.max(...tries), part).toBeLessThanOrEqual(part === 'always 503' ? 60 : 8);
    }
    expect(byPart.get('503 twice')!.attempts.every((n) => n === 3)).toBe(true);
    // Retry-After is honoured: the second attempt waits the second the back office asked for.
    for (const [messageId, list] of attempts) {
      if (partOf(messageId) === '429 Retry-After 1 s') expect(list[1]!.at - list[0]!.at, messageId).toBeGreaterThanOrEqual(950);
    }

    // Stored once each; the answer that came too late was stored, and its retry answered as a repeat.
    const delivered = ids.filter((id) => outcome(id)!.status === 'delivered');
    expect(backoffice.stats.unique).toBe(delivered.length);
    expect(await backoffice.receipts()).toHaveLength(delivered.length);
    expect(backoffice.stats.duplicates).toBeGreaterThanOrEqual(byPart.get('200 after our timeout')!.messages);
    expect(statuses.contradicting()).toEqual([]);

    // Given up: delivery_failed once, and a dead letter with the lane as its source and the attempts made.
    const failed = ids.filter((id) => outcome(id)!.status === 'delivery_failed');
    expect(deadLetters).toHaveLength(failed.length);
    for (const letter of deadLetters) {
      expect(letter.headers[deadLetterHeaders.sourceTopic]).toBe(`${env.topicPrefix}delivery.lane.${DESTINATION}.v1`);
      expect(['AMTSBOTE_DELIVERY_EXHAUSTED', 'AMTSBOTE_DELIVERY_REJECTED']).toContain(letter.headers[deadLetterHeaders.errorCode]);
      expect(Number(letter.headers[deadLetterHeaders.attempts])).toBeGreaterThanOrEqual(1);
    }

    // Never a skipped offset: on each partition of the lane, the outcomes come in offset order, so
    // every record after one given up was delivered after it.
    await lane.waitFor((rs) => rs.length >= APPLICATIONS, 30_000);
    const outOfOrder: string[] = [];
    for (const partition of new Set(lane.records.map((r) => r.partition))) {
      const records = lane.records.filter((r) => r.partition === partition).sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
      let previous = 0;
      for (const record of records) {
        const message = await env.codec.decode<XoevMessage>(record.value);
        const at = outcome(message.applicationId)!.occurredAt.getTime();
        if (at < previous) outOfOrder.push(`${partition}/${record.offset}`);
        previous = Math.max(previous, at);
      }
    }
    expect(outOfOrder).toEqual([]);
  });
});
