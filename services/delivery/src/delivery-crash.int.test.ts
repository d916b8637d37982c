import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, importMasterData, type FailpointName, type PipelineService } from '@amtsbote/core';
import type { ApplicationStatus } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  sampleSubmissions,
  serviceMain,
  startServiceProcess,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type ServiceProcess,
  type TestBackoffice,
} from '@amtsbote/testing';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';

const APPLICATIONS = 1_000;
/**
 * One run of the delivery service per entry, each with one failpoint armed at the pass it fires on:
 * every crash point twice, late enough that the run gets something done, early enough that it
 * surely comes before the work runs out.
 */
const crashes: [FailpointName, number][] = [
  ['delivery.after-deliver', 80],
  ['stage.after-produce', 6],
  ['stage.after-commit', 6],
  ['delivery.after-deliver', 80],
  ['stage.after-produce', 6],
  ['stage.after-commit', 6],
];
/** The broker's minimum: a restarted service waits this long for the partitions its dead predecessor held. */
const SESSION_TIMEOUT_MS = 6_000;
const expectedHistory = ['delivered', 'received', 'translated'];

/** Resolves like `promise`, or fails saying what did not happen within `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a delivery service killed with SIGKILL at its crash points', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let translator: PipelineService;
  let deliveryMain: string;
  let deliveryEnv: NodeJS.ProcessEnv;
  const children: ServiceProcess[] = [];

  const startDelivery = (failpoints = '') => {
    const child = startServiceProcess(deliveryMain, { ...deliveryEnv, AMTSBOTE_FAILPOINTS: failpoints }, 'delivery');
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    deliveryMain = serviceMain('delivery');
    env = await createIntegrationEnvironment('delivery-crash');
    backoffice = await startTestBackoffice();
    await importMasterData(env.kafka, await masterDataPointingAt(backoffice.url), { prefix: env.topicPrefix });
    deliveryEnv = { ...process.env, ...env.serviceEnv('delivery'), SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS), LOG_LEVEL: 'error' };
    translator = await startTranslatorService(translatorConfigSchema.parse(env.serviceEnv('translator')), {
      logger: createLogger('translator', { level: 'warn' }),
      service: { name: 'translator', version: 'test' },
    });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map((child) => child.ended));
    await translator?.stop();
    await backoffice?.close();
  });

  it('delivers every application once in effect, each with its complete status history', { timeout: 300_000 }, async () => {
    const started = Date.now();
    const submissions = sampleSubmissions(env.topicPrefix, APPLICATIONS);
    const status = await collectRecords(env.kafka, [env.contracts.status.topic]);
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();

    const kills = new Map<FailpointName, number>();
    for (const [point, pass] of crashes) {
      const delivery = startDelivery(`${point}=${pass}`);
      const end = await within(90_000, delivery.ended, `the delivery service did not reach ${point} ${pass} times`);
      // It died where it was told to, and nowhere else.
      expect(end.signal).toBe('SIGKILL');
      expect(delivery.output()).toContain(`failpoint ${point}: SIGKILL`);
      kills.set(point, (kills.get(point) ?? 0) + 1);
      console.log(`delivery crash: SIGKILL at ${point} (pass ${pass}), back office has ${backoffice.stats.unique} unique, ${backoffice.stats.duplicates} duplicates`);
    }
    expect(backoffice.stats.unique, 'every kill came before the run was over').toBeLessThan(APPLICATIONS);

    const delivery = startDelivery();
    // Status event ids are derived (application, step), so 3 distinct ids per application mean every history is complete.
    await status.waitFor((rs) => new Set(rs.map((r) => r.headers['ce_id'])).size >= APPLICATIONS * 3, 120_000);
    // After all the kills, a clean stop: it finishes what is in flight, commits and leaves its groups.
    delivery.kill('SIGTERM');
    expect(await delivery.ended).toEqual({ code: 0, signal: null });

    const history = new Map<string, Map<string, string[]>>(); // application → status → the event id of each record
    for (const record of status.records) {
      const event = await env.codec.decode<ApplicationStatus>(record.value);
      const statuses = history.get(event.applicationId) ?? new Map<string, string[]>();
      statuses.set(event.status, [...(statuses.get(event.status) ?? []), event.eventId]);
      history.set(event.applicationId, statuses);
    }
    const incomplete = submissions.filter((s) => [...(history.get(s.applicationId)?.keys() ?? [])].sort().join() !== expectedHistory.join());
    expect(incomplete.map((s) => s.applicationId)).toEqual([]);
    // A status reported twice (its records re-produced after a kill) is the same event again, never a different one.
    const contradicting = [...history].filter(([, statuses]) => [...statuses.values()].some((ids) => new Set(ids).size > 1));
    expect(contradicting.map(([applicationId]) => applicationId)).toEqual([]);
    const deliveredTwice = [...history.values()].filter((statuses) => (statuses.get('delivered')?.length ?? 0) > 1).length;

    // Exactly once in effect: each message stored once; every repeat was answered as a duplicate.
    expect(backoffice.stats).toMatchObject({ unique: APPLICATIONS, rejected: 0 });
    expect(await backoffice.receipts()).toHaveLength(APPLICATIONS);
    // A kill between delivering and reporting always leaves at least that message to be delivered again.
    expect(backoffice.stats.duplicates).toBeGreaterThanOrEqual(kills.get('delivery.after-deliver') ?? 0);
    for (const point of new Set(crashes.map(([p]) => p))) expect(kills.get(point), point).toBeGreaterThanOrEqual(2);

    console.log(
      `delivery crash: ${APPLICATIONS} applications, SIGKILLs ${[...kills].map(([p, n]) => `${p} ${n}`).join(', ')}; ` +
        `back office: ${backoffice.stats.unique} unique, ${backoffice.stats.duplicates} deduplicated re-deliveries; ` +
        `${deliveredTwice} applications reported delivered more than once (same event id); ${Math.round((Date.now() - started) / 1000)} s`,
    );
    await status.stop();
  });
});
