import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeCounts,
  reportRow,
  sampleSubmissions,
  startFaultPipeline,
  submit,
  type FaultPipeline,
  type PipelineProcess,
  type ProcessEnd,
} from '@amtsbote/testing';

const APPLICATIONS = 1_200;
/** Per second, so the run lasts about a minute and every join and leave falls into it. */
const RATE = 20;
/** A member killed with SIGKILL holds its partitions this long; shorter than the default 30 s to keep the run short. */
const SESSION_TIMEOUT_MS = 10_000;

describe('fault matrix, row 5: a second translator and delivery join mid-run, then leave (SIGTERM and SIGKILL)', () => {
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    pipeline = await startFaultPipeline('rebalance', { serviceEnv: { SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) } });
  }, 300_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  it('loses nothing and delivers nothing twice in effect', { timeout: 900_000 }, async () => {
    const { env, backoffice, statuses } = pipeline;
    const startedAt = Date.now();
    const [translator1, delivery1] = pipeline.processes as [PipelineProcess, PipelineProcess];
    const initialJoins = translator1.joins() + delivery1.joins();
    const submissions = sampleSubmissions(env.topicPrefix, APPLICATIONS);
    const producer = env.kafka.producer();
    await producer.connect();
    const submitting = (async () => {
      for (let i = 0; i < submissions.length; i += RATE) {
        await submit(producer, env.codec, env.contracts.submitted, submissions.slice(i, i + RATE));
        await sleep(1_000);
      }
    })();

    const events: string[] = [];
    const at = (what: string) => events.push(`${what} at ${backoffice.stats.unique} delivered`);
    const ends: [string, NodeJS.Signals, ProcessEnd][] = [];
    const leave = async (p: PipelineProcess, signal: NodeJS.Signals) => {
      at(`${p.label} ${signal}`);
      ends.push([p.label, signal, await p.stop(signal)]);
    };

    await sleep(8_000);
    at('join translator-2, delivery-2');
    const [translator2, delivery2] = await Promise.all([pipeline.start('translator'), pipeline.start('delivery')]);
    await sleep(10_000);
    await Promise.all([leave(translator2, 'SIGTERM'), leave(delivery2, 'SIGKILL')]);
    await sleep(5_000);
    at('join translator-3, delivery-3');
    const [translator3, delivery3] = await Promise.all([pipeline.start('translator'), pipeline.start('delivery')]);
    await sleep(10_000);
    await Promise.all([leave(translator3, 'SIGKILL'), leave(delivery3, 'SIGTERM')]);
    await submitting;
    await producer.disconnect();
    const stillToDo = APPLICATIONS - backoffice.stats.unique;

    let error: unknown;
    try {
      await statuses.waitFor(submissions.map((s) => s.applicationId), ['received', 'translated', 'delivered'], 300_000);
    } catch (err) {
      error = err;
    }
    await sleep(3_000);
    const counts = await pipeline.counts(submissions);
    const rejoins = pipeline.processes.reduce((n, p) => n + p.joins(), 0) - initialJoins;
    reportRow(
      '5 rebalance: translator and delivery instances join, leave by SIGTERM and SIGKILL, mid-run',
      [...describeCounts(counts), `${rejoins} consumer-group joins after the start`, ...events, `${stillToDo} left when the last one had left`],
      startedAt,
    );

    expect(error).toBeUndefined();
    expect(counts).toMatchObject({ deliveredUnique: APPLICATIONS, deadLetters: 0, incomplete: [], contradicting: [] });
    expect(await backoffice.receipts()).toHaveLength(APPLICATIONS);
    // Every join and leave fell into the run, not after it.
    expect(stillToDo).toBeGreaterThan(0);
    // A SIGTERM is a clean stop (exit 0) even in the middle of a batch; a SIGKILL is a kill.
    for (const [label, signal, end] of ends) expect({ label, ...end }).toEqual({ label, ...(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal: 'SIGKILL' }) });
  });
});
