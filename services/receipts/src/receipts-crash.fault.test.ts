import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailpointName } from '@amtsbote/core';
import {
  collectRecords,
  describeCounts,
  reportRow,
  sampleSubmissions,
  startFaultPipeline,
  waitUntil,
  type FaultPipeline,
  type RecordCollector,
} from '@amtsbote/testing';

const APPLICATIONS = 1_000;
/**
 * The receipts service's runs, one after the other: killed at a crash point of its reply stage (on
 * that pass), or from outside once it has stored some replies, so mid-request for others.
 */
const crashes: ({ failpoint: FailpointName; pass: number } | { killAfterStored: number })[] = [
  { killAfterStored: 50 },
  { failpoint: 'stage.after-produce', pass: 20 },
  { failpoint: 'stage.after-commit', pass: 20 },
  { killAfterStored: 100 },
  { failpoint: 'stage.after-produce', pass: 40 },
  { failpoint: 'stage.after-commit', pass: 40 },
];
const history = ['received', 'translated', 'delivered', 'acknowledged'];

describe('fault matrix, row 1: the receipts service killed (SIGKILL) while the back office posts its replies', () => {
  let pipeline: FaultPipeline;
  let replies: RecordCollector;

  beforeAll(async () => {
    // The back office answers each message with an xdomea receipt, and sends it again until it is taken.
    pipeline = await startFaultPipeline('receipts-crash', { replies: true, serviceEnv: { SESSION_TIMEOUT_MS: '6000' } });
    replies = await collectRecords(pipeline.env.kafka, [pipeline.env.contracts.replies.topic]);
  }, 300_000);

  afterAll(async () => {
    await replies?.stop();
    await pipeline?.close();
  });

  it('loses no reply and reports each acknowledgement once', { timeout: 900_000 }, async () => {
    const { statuses, backoffice } = pipeline;
    const startedAt = Date.now();
    const submissions = sampleSubmissions(pipeline.env.topicPrefix, APPLICATIONS);
    await pipeline.submit(submissions);
    const ids = submissions.map((s) => s.applicationId);
    const acknowledged = async () => APPLICATIONS - (await statuses.missing(ids, ['acknowledged'])).length;

    const kills: string[] = [];
    for (const crash of crashes) {
      const env: Record<string, string> = 'failpoint' in crash ? { AMTSBOTE_FAILPOINTS: `${crash.failpoint}=${crash.pass}` } : {};
      const receipts = await pipeline.start('receipts', env, { waitReady: false });
      if ('killAfterStored' in crash) {
        const stored = () => receipts.logLines('reply stored').length;
        await waitUntil(() => stored() >= crash.killAfterStored, 120_000, () => `${receipts.label} stored ${stored()} replies`);
        receipts.kill('SIGKILL');
      }
      const ended = await Promise.race([receipts.ended, sleep(120_000).then(() => undefined)]);
      expect(ended, `${receipts.label} did not end`).toEqual({ code: null, signal: 'SIGKILL' });
      if ('failpoint' in crash) expect(receipts.output()).toContain(`failpoint ${crash.failpoint}: SIGKILL`);
      kills.push(`${'failpoint' in crash ? `${crash.failpoint}=${crash.pass}` : `after ${crash.killAfterStored} replies stored`} at ${await acknowledged()} acknowledged`);
    }
    const acknowledgedAtLastKill = await acknowledged();

    const receipts = await pipeline.start('receipts');
    let error: unknown;
    try {
      await statuses.waitFor(ids, history, 300_000);
      await Promise.race([pipeline.replier!.idle(), sleep(60_000).then(() => Promise.reject(new Error('the back office still has replies to send')))]);
    } catch (err) {
      error = err;
    }
    await sleep(3_000);
    // After all the kills, a clean stop.
    const end = await receipts.stop('SIGTERM');

    const counts = await pipeline.counts(submissions, history);
    const stored = new Set(replies.records.map((r) => r.headers['ce_id'])).size;
    reportRow(
      '1 receipts service SIGKILLed at its crash points while replies come in',
      [
        ...describeCounts(counts),
        `${stored} replies stored (${replies.records.length - stored} stored again after a kill)`,
        `${counts.repeatedStatus} status records repeated (same event id)`,
        `kills: ${kills.join('; ')}`,
      ],
      startedAt,
    );

    expect(error).toBeUndefined();
    expect(acknowledgedAtLastKill, 'every kill came before the run was over').toBeLessThan(APPLICATIONS);
    expect(end).toEqual({ code: 0, signal: null });
    expect(backoffice.stats.unique).toBe(APPLICATIONS);
    // No reply lost: one stored per message; each application acknowledged, by one event.
    expect(stored).toBe(APPLICATIONS);
    expect(counts).toMatchObject({ incomplete: [], contradicting: [], deadLetters: 0 });
    for (const id of ids) expect(new Set(statuses.of(id).filter((e) => e.status === 'acknowledged').map((e) => e.eventId)).size, id).toBe(1);
  });
});
