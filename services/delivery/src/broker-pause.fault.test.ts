import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBrokers, describeCounts, kafkaSh, reportRow, startFaultPipeline, upCluster, waitUntil, type FaultPipeline } from '@amtsbote/testing';

const APPLICATIONS = 1_000;
const NODE = '2';
/** Longer than the consumers' session timeout (SESSION_TIMEOUT_MS, 30 s) and the brokers' (9 s). */
const PAUSE_MS = 40_000;

describe('fault matrix, row 3: a broker of the cluster paused (SIGSTOP) longer than the session timeout', () => {
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    await upCluster();
    pipeline = await startFaultPipeline('broker-pause', { brokers: clusterBrokers });
  }, 400_000);

  afterAll(async () => {
    // Whatever happened, the node must not stay frozen for the next row.
    await kafkaSh('resume-node', NODE).catch(() => {});
    await pipeline?.close();
  }, 120_000);

  it('delivers every application once in effect after SIGCONT', { timeout: 900_000 }, async () => {
    const startedAt = Date.now();
    const run = await pipeline.runThrough({
      applications: APPLICATIONS,
      fault: async () => {
        await kafkaSh('pause-node', NODE);
        try {
          await sleep(PAUSE_MS);
        } finally {
          await kafkaSh('resume-node', NODE);
        }
      },
      timeoutMs: 400_000,
    });
    const ready = await waitUntil(async () => (await Promise.all(pipeline.processes.map((p) => p.readiness()))).every((r) => r.ready), 120_000, () => 'not all ready')
      .then(() => true)
      .catch(() => false);
    reportRow(
      `3 broker ${NODE} of 3 paused (SIGSTOP) ${PAUSE_MS / 1000} s, then SIGCONT`,
      [
        ...describeCounts(run.counts),
        `${run.deliveredAtFault} delivered before the pause, ${run.deliveredAfterFault - run.deliveredAtFault} during it`,
        `${run.rejoins} consumer-group rejoins (rebalances)`,
        `complete ${Math.round(run.recoveredAfterMs / 1000)} s after the pause began`,
        `services ready again: ${ready}`,
      ],
      startedAt,
    );
    expect(run.error).toBeUndefined();
    expect(run.counts).toMatchObject({ deliveredUnique: APPLICATIONS, deadLetters: 0, incomplete: [], contradicting: [] });
    expect(await pipeline.backoffice.receipts()).toHaveLength(APPLICATIONS);
    expect(ready).toBe(true);
  });
});
