import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMasterData } from '@amtsbote/core';
import { sampleGewerbeanmeldung, type ApplicationStatus } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  patchDestination,
  sampleSubmissions,
  serviceMain,
  startServiceProcess,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type ServiceProcess,
  type TestBackoffice,
} from '@amtsbote/testing';

const APPLICATIONS = 400;
const MODAUTAL = { ags: '06432013', ars: null, name: 'Gemeinde Modautal' };
/** Well below the services' own limit (20 s, stopOnSignals) and far below Modautal's retry wait. */
const SHUTDOWN_BOUND_MS = 10_000;

/** A loopback port nothing listens on: Modautal's back office is down until a test starts one there. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('SIGTERM: stop fetching, finish what is in flight, commit, exit within a bound', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let modautal: TestBackoffice | undefined;
  let modautalPort: number;
  const children: ServiceProcess[] = [];

  const start = (name: 'translator' | 'delivery') => {
    const child = startServiceProcess(serviceMain(name), { ...process.env, ...env.serviceEnv(name), LOG_LEVEL: 'info' }, name);
    children.push(child);
    return child;
  };

  /** Sends SIGTERM and measures how long the process takes to end. */
  const terminate = async (child: ServiceProcess) => {
    const sent = Date.now();
    child.kill('SIGTERM');
    const end = await child.ended;
    return { end, ms: Date.now() - sent };
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('shutdown');
    backoffice = await startTestBackoffice();
    modautalPort = await freePort();
    const masterData = await masterDataPointingAt(backoffice.url);
    // Modautal's lane waits a minute between attempts: a shutdown must not wait for that.
    await patchDestination(masterData, 'modautal-dms', (destination) => {
      if (destination.connector.type === 'http') destination.connector.url = `http://127.0.0.1:${modautalPort}/xoev/messages`;
      destination.delivery = { initialDelayMs: 60_000, maxDelayMs: 60_000, maxElapsedMs: 3_600_000 };
    });
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map((child) => child.ended));
    await backoffice?.close();
    await modautal?.close();
  });

  it('leaves nothing half done: after a restart nothing is delivered twice and nothing is missing', { timeout: 300_000 }, async () => {
    const status = await collectRecords(env.kafka, [env.contracts.status.topic]);
    const decoded = async () => Promise.all(status.records.map((r) => env.codec.decode<ApplicationStatus>(r.value)));
    const deliveredApplications = async () => new Set((await decoded()).filter((e) => e.status === 'delivered').map((e) => e.applicationId));

    const stuck = sampleGewerbeanmeldung(0, { applicationId: `${env.topicPrefix}modautal`, eventId: randomUUID(), tenant: MODAUTAL });
    const submissions = [stuck, ...sampleSubmissions(env.topicPrefix, APPLICATIONS)];
    let translator = start('translator');
    let delivery = start('delivery');
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();

    // Terminate mid-stream: some applications delivered, others still on their way, Modautal's waiting on a retry.
    await status.waitFor(() => backoffice.stats.unique >= 50, 120_000);
    const [translatorStop, deliveryStop] = await Promise.all([terminate(translator), terminate(delivery)]);
    const deliveredBeforeStop = backoffice.stats.unique;
    console.log(
      `shutdown: SIGTERM with ${deliveredBeforeStop} of ${APPLICATIONS} delivered; translator exited in ${translatorStop.ms} ms, delivery in ${deliveryStop.ms} ms`,
    );
    for (const [child, stopped] of [[translator, translatorStop], [delivery, deliveryStop]] as const) {
      expect(stopped.end).toEqual({ code: 0, signal: null });
      expect(stopped.ms).toBeLessThan(SHUTDOWN_BOUND_MS);
      expect(child.output()).toContain('"msg":"stopped"');
    }
    expect(deliveredBeforeStop, 'the stop came before the work ran out').toBeLessThan(APPLICATIONS);

    // The successors start from the committed offsets, with Modautal's back office back.
    modautal = await startTestBackoffice({ port: modautalPort });
    translator = start('translator');
    delivery = start('delivery');
    const all = new Set(submissions.map((s) => s.applicationId));
    const deadline = Date.now() + 180_000;
    while ((await deliveredApplications()).size < all.size) {
      if (Date.now() > deadline) throw new Error(`only ${(await deliveredApplications()).size} of ${all.size} delivered after the restart`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    // Everything the first run delivered was committed: the successors delivered none of it again.
    expect(backoffice.stats).toMatchObject({ unique: APPLICATIONS, duplicates: 0, rejected: 0 });
    expect(modautal.stats).toMatchObject({ unique: 1, duplicates: 0 });
    console.log(`shutdown: after the restart all ${all.size} delivered, ${backoffice.stats.duplicates} delivered twice`);
    await Promise.all([terminate(translator), terminate(delivery)]);
    await status.stop();
  });
});
