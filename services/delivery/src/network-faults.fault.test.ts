import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterBrokers,
  clusterFaultListeners,
  describeCounts,
  reportRow,
  sampleSubmissions,
  startFaultPipeline,
  startFaultProxy,
  upCluster,
  type FaultPipeline,
  type FaultProxy,
  type NetworkFaults,
} from '@amtsbote/testing';

const APPLICATIONS = 1_000;
/** What the network between the services and every broker does during the run. */
const FLAKY: NetworkFaults = { latencyMs: 30, jitterMs: 20, resetsPerSecond: 0.02 };
/** …and one broker cannot be reached at all for a while (packets lost, nothing closed). */
const PARTITION_MS = 20_000;

/**
 * The services reach the three brokers only through fault proxies: each cluster node advertises its
 * FAULTS listener at the proxy's port (infra/kafka/kafka.sh), so clients stay behind the proxies after
 * bootstrap. The test's own clients (front office, collectors) use the plain listeners.
 */
describe('fault matrix, row 4: latency, resets and a partition between the services and the brokers', () => {
  const proxies: FaultProxy[] = [];
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    await upCluster();
    for (const [listening, advertised] of clusterFaultListeners) proxies.push(await startFaultProxy({ target: { port: listening }, port: advertised }));
    pipeline = await startFaultPipeline('network', { brokers: clusterBrokers, serviceBrokers: proxies.map((p) => p.address) });
  }, 400_000);

  afterAll(async () => {
    await pipeline?.close();
    for (const proxy of proxies) await proxy.close();
  }, 120_000);

  it('is slower, and still delivers every application once with its complete history', { timeout: 900_000 }, async () => {
    const startedAt = Date.now();
    const { env, statuses } = pipeline;
    // One application at a time, submitted to delivered: the median of a few shows what the network costs.
    let probes = 0;
    const endToEnd = async () => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const [probe] = sampleSubmissions(`${env.topicPrefix}probe-${probes++}-`, 1);
        const submittedAt = Date.now();
        await pipeline.submit([probe!]);
        await statuses.waitFor([probe!.applicationId], ['delivered'], 60_000);
        times.push(Date.now() - submittedAt);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    const baseline = await endToEnd();
    const bytesBefore = proxies.reduce((n, p) => n + p.stats.bytes, 0);

    for (const proxy of proxies) proxy.set(FLAKY);
    const flaky = await endToEnd();
    const run = await pipeline.runThrough({
      applications: APPLICATIONS,
      faultAt: 0.2,
      fault: async () => {
        proxies[1]!.set({ ...FLAKY, paused: true });
        await sleep(PARTITION_MS);
        proxies[1]!.set(FLAKY);
      },
      timeoutMs: 600_000,
    });
    for (const proxy of proxies) proxy.set({});
    const stats = proxies.map((p) => p.stats);
    reportRow(
      `4 network: ${FLAKY.latencyMs}±${FLAKY.jitterMs} ms each way, ${FLAKY.resetsPerSecond} resets/s per connection, broker 2 unreachable ${PARTITION_MS / 1000} s`,
      [
        ...describeCounts({ ...run.counts, submitted: APPLICATIONS, deliveredUnique: run.counts.deliveredUnique - probes }),
        `${stats.reduce((n, s) => n + s.resets, 0)} connections reset of ${stats.reduce((n, s) => n + s.connections, 0)}`,
        `${run.rejoins} consumer-group rejoins`,
        `one application end to end ${baseline} ms without, ${flaky} ms with latency and resets (median of 5)`,
        `complete ${Math.round(run.recoveredAfterMs / 1000)} s after the partition began`,
      ],
      startedAt,
    );

    expect(bytesBefore).toBeGreaterThan(0);
    expect(stats.reduce((n, s) => n + s.resets, 0)).toBeGreaterThan(0);
    expect(run.error).toBeUndefined();
    // Slower: the proxies are in the services' path to every broker.
    expect(flaky).toBeGreaterThan(baseline);
    expect(run.counts).toMatchObject({ deliveredUnique: probes + APPLICATIONS, deadLetters: 0, incomplete: [], contradicting: [] });
    expect(await pipeline.backoffice.receipts()).toHaveLength(probes + APPLICATIONS);
  });
});
