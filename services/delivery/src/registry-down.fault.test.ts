import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createAvroCodec, createSubmissionRecord } from '@amtsbote/core';
import type { Contract } from '@amtsbote/schemas';
import {
  describeCounts,
  metricSum,
  reportRow,
  sampleSubmissions,
  startFaultPipeline,
  startFaultProxy,
  waitUntil,
  type FaultPipeline,
  type FaultProxy,
} from '@amtsbote/testing';

const APPLICATIONS = 300;
const OUTAGE_MS = 45_000;

/**
 * The registry is shared with every other test, so it is never stopped: the services reach it through
 * a fault proxy, and the proxy refuses connections as a registry that is down would.
 */
describe('fault matrix, row 6: the schema registry down', () => {
  let proxy: FaultProxy;
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    const registry = new URL(inject('schemaRegistryUrl'));
    proxy = await startFaultProxy({ target: { host: registry.hostname, port: Number(registry.port) } });
    pipeline = await startFaultPipeline('registry-down', { serviceRegistryUrl: `http://${proxy.address}${registry.pathname}` });
  }, 300_000);

  afterAll(async () => {
    await pipeline?.close();
    await proxy?.close();
  });

  it('lets submissions with a schema it has not seen wait and retry, drops none, is not ready meanwhile, and recovers', { timeout: 600_000 }, async () => {
    const { env, statuses } = pipeline;
    const [translator, delivery] = pipeline.processes;
    const startedAt = Date.now();
    // Warm: every schema the services use so far is in their caches.
    const before = sampleSubmissions(`${env.topicPrefix}before-`, 20);
    await pipeline.submit(before);
    await statuses.waitFor(before.map((s) => s.applicationId), ['delivered'], 120_000);

    // A new, compatible version of the submission schema (one more optional field), as a front
    // office may start to use at any time: the translator must fetch it from the registry to read it.
    const schema = env.contracts.submitted.schema as { fields: unknown[] };
    const v2: Contract = { ...env.contracts.submitted, schema: { ...schema, fields: [...schema.fields, { name: 'faultMatrixNote', type: ['null', 'string'], default: null }] } as Contract['schema'] };
    const codecV2 = createAvroCodec({ url: env.registryUrl });
    const v2Id = await codecV2.register(v2);
    expect(v2Id).not.toBe(await env.codec.register(env.contracts.submitted));

    proxy.set({ refuse: true });
    proxy.resetAll();
    const downAt = Date.now();
    await waitUntil(
      async () => !(await translator!.readiness()).ready && !(await delivery!.readiness()).ready,
      30_000,
      () => 'the services still say they are ready',
    );
    const notReadyAfter = Date.now() - downAt;
    const readiness = (await translator!.readiness()).body;

    const during = sampleSubmissions(`${env.topicPrefix}during-`, APPLICATIONS);
    const producer = env.kafka.producer();
    await producer.connect();
    for (let i = 0; i < during.length; i += 100) {
      await producer.send(await Promise.all(during.slice(i, i + 100).map((s) => createSubmissionRecord(codecV2, v2, s))));
    }
    await producer.disconnect();
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
    await statuses.read();
    const deliveredDuringOutage = during.filter((s) => statuses.of(s.applicationId).some((e) => e.status === 'delivered')).length;
    const retryLines = translator!.logLines('retriable error, waiting before the next attempt').filter((l) => l.includes('AMTSBOTE_REGISTRY_UNAVAILABLE'));
    const deadLettersDuringOutage = pipeline.deadLetters.records.length;

    proxy.set({});
    const upAt = Date.now();
    let allDeliveredAfter = 0;
    let waitError: unknown;
    try {
      await statuses.waitFor(during.map((s) => s.applicationId), ['delivered'], 180_000);
      allDeliveredAfter = Date.now() - upAt;
      await waitUntil(async () => (await translator!.readiness()).ready && (await delivery!.readiness()).ready, 60_000, () => 'not ready again');
    } catch (err) {
      waitError = err;
    }
    const readyAfter = Date.now() - upAt;
    await sleep(2_000);
    const all = [...before, ...during];
    const counts = await pipeline.counts(all);
    const retries = metricSum(await translator!.metrics(), 'amtsbote_retries_total', { code: 'AMTSBOTE_REGISTRY_UNAVAILABLE' });
    reportRow(
      `6 schema registry down ${OUTAGE_MS / 1000} s (connections refused)`,
      [
        ...describeCounts(counts),
        `not ready after ${(notReadyAfter / 1000).toFixed(1)} s`,
        `${deliveredDuringOutage} delivered while down`,
        `${retries} retries (${retryLines.length} log lines AMTSBOTE_REGISTRY_UNAVAILABLE)`,
        `all delivered ${(allDeliveredAfter / 1000).toFixed(1)} s and ready ${(readyAfter / 1000).toFixed(1)} s after it was back`,
      ],
      startedAt,
    );

    expect(waitError).toBeUndefined();
    expect(readiness).toContain('"registry":false');
    // Nothing read without the schema, nothing given up: the records waited.
    expect(deliveredDuringOutage).toBe(0);
    expect(deadLettersDuringOutage).toBe(0);
    // A line an operator can grep for says why.
    expect(retryLines.length).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);
    expect(counts).toMatchObject({ deliveredUnique: all.length, deadLetters: 0, incomplete: [], contradicting: [] });
    expect(await pipeline.backoffice.receipts()).toHaveLength(all.length);
  });
});
