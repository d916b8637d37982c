import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterBrokers,
  describeCounts,
  kafkaSh,
  reportRow,
  sampleSubmissions,
  startFaultPipeline,
  upCluster,
  waitUntil,
  type FaultPipeline,
} from '@amtsbote/testing';

const APPLICATIONS = 1_000;
/** Submitted while the controller is dead: writes acknowledged then must not be lost either. */
const DURING = 200;
/** At least; finding the successor and submitting may take longer on a busy machine. */
const DOWN_MS = 20_000;

/** The node id of the active KRaft controller (each node of the cluster is broker and controller). */
async function activeController(): Promise<string> {
  let id = '';
  await waitUntil(
    async () => {
      id = (await kafkaSh('controller').catch(() => '')).trim();
      return /^[123]$/.test(id);
    },
    60_000,
    () => `no active controller (last answer "${id}")`,
    1_000,
  );
  return id;
}

describe('fault matrix, row 2: the active KRaft controller killed (SIGKILL) mid-run', () => {
  let pipeline: FaultPipeline;
  let killed = '';

  beforeAll(async () => {
    await upCluster();
    pipeline = await startFaultPipeline('controller-kill', { brokers: clusterBrokers });
  }, 400_000);

  afterAll(async () => {
    if (killed) await kafkaSh('start-node', killed).catch(() => {});
    await pipeline?.close();
  }, 200_000);

  it('loses no acknowledged write, and the services resume by themselves', { timeout: 900_000 }, async () => {
    const startedAt = Date.now();
    const during = sampleSubmissions(`${pipeline.env.topicPrefix}during-`, DURING);
    let successor = '';
    let submittedWhileDown = 0;
    let submitSeconds = 0;
    let downSeconds = 0;
    const run = await pipeline.runThrough({
      applications: APPLICATIONS,
      fault: async () => {
        killed = await activeController();
        await kafkaSh('kill-node', killed);
        const downAt = Date.now();
        try {
          successor = await activeController();
          const submitAt = Date.now();
          await pipeline.submit(during);
          // Acknowledged by the brokers before the killed node is started again.
          submittedWhileDown = DURING;
          submitSeconds = (Date.now() - submitAt) / 1000;
          await sleep(Math.max(0, DOWN_MS - (Date.now() - downAt)));
        } finally {
          downSeconds = Math.round((Date.now() - downAt) / 1000);
          await kafkaSh('start-node', killed);
        }
      },
      timeoutMs: 400_000,
    });
    let error = run.error;
    try {
      await pipeline.statuses.waitFor(during.map((s) => s.applicationId), ['received', 'translated', 'delivered'], 120_000);
      await waitUntil(async () => (await Promise.all(pipeline.processes.map((p) => p.readiness()))).every((r) => r.ready), 120_000, () => 'not all ready');
    } catch (err) {
      error ??= err;
    }
    const counts = await pipeline.counts([...run.submissions, ...during]);
    reportRow(
      `2 active KRaft controller (node ${killed}) killed (SIGKILL), down ${downSeconds} s`,
      [
        ...describeCounts(counts),
        `new controller: node ${successor}`,
        `${submittedWhileDown} submitted and acknowledged while it was down (in ${submitSeconds.toFixed(1)} s)`,
        `${run.rejoins} consumer-group rejoins`,
        `complete ${Math.round(run.recoveredAfterMs / 1000)} s after the kill`,
      ],
      startedAt,
    );

    expect(successor).not.toBe(killed);
    expect(submittedWhileDown).toBe(DURING);
    expect(error).toBeUndefined();
    expect(counts).toMatchObject({ deliveredUnique: APPLICATIONS + DURING, deadLetters: 0, incomplete: [], contradicting: [] });
    killed = '';
  });
});
