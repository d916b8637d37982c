import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, importMasterData, type PipelineService } from '@amtsbote/core';
import { startDeliveryService, deliveryConfigSchema } from '@amtsbote/delivery';
import { buildReply, createReplier, readOriginalMessage, type Replier } from '@amtsbote/reference-backoffice';
import { deadLetterTopicOf, sampleBauantrag, sampleGewerbeanmeldung, type ApplicationStatus, type ApplicationSubmitted } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  patchDestination,
  repoRoot,
  sampleSubmissions,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type RecordCollector,
  type TestBackoffice,
} from '@amtsbote/testing';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { receiptsConfigSchema } from './config.js';
import { startReceiptsService, type ReceiptsService } from './service.js';

// The three-broker cluster of infra/kafka: replication factor 3 by broker default (topics.yaml and
// the delivery lanes ask for -1), min.insync.replicas 2, producers with acks=all.
const kafkaScript = join(repoRoot, 'infra/kafka/kafka.sh');
const CLUSTER = ['127.0.0.1:19092', '127.0.0.1:19094', '127.0.0.1:19096'];
const GEWERBEANMELDUNGEN = 900;
const BAUANTRAEGE = 100;
const DARMSTADT = { ags: '06411000', ars: null, name: 'Wissenschaftsstadt Darmstadt' };
const ROSSDORF = { ags: '06432020', ars: null, name: 'Gemeinde Roßdorf' };
const TOKEN = `token-${randomUUID()}`;
process.env['TEST_CLUSTER_BACKOFFICE_TOKEN'] = TOKEN;
const product = { name: 'test', vendor: 'test', version: '1' };

/** Runs kafka.sh without blocking the event loop: the services under test run in this process and must keep running meanwhile. */
function kafkaSh(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [kafkaScript, ...args], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kafka.sh ${args.join(' ')} exited with ${code}`))));
  });
}

async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await sleep(250);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Polls a service's /readyz and keeps each change, so a report can say when it stopped and started being ready. */
function watchReadiness(name: string, service: PipelineService, since: number) {
  const watcher = { ready: true, changes: [] as string[], stop: () => clearInterval(timer) };
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    fetch(`http://127.0.0.1:${service.healthPort}/readyz`)
      .then(async (response) => {
        const ready = response.status === 200;
        if (ready !== watcher.ready) watcher.changes.push(`${name} ${ready ? 'ready' : `not ready ${await response.text()}`} at ${((Date.now() - since) / 1000).toFixed(1)}`);
        watcher.ready = ready;
      })
      .catch(() => {})
      .finally(() => (polling = false));
  }, 500);
  return watcher;
}

describe('the pipeline on the three-broker cluster, with brokers failing', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  // Roßdorf's DMS is a second back office whose clerk answers by hand: its message is still unanswered when the brokers go away.
  let clerk: TestBackoffice;
  let replier: Replier;
  let receipts: ReceiptsService;
  const services: PipelineService[] = [];
  let status: RecordCollector;
  let deadLetters: RecordCollector;
  let repliesUrl: string;
  let heldBack: ApplicationSubmitted;
  const bauantraege = new Set<string>();
  const bauantrag = (n: number, applicationId: string) => {
    bauantraege.add(applicationId);
    return sampleBauantrag(n, { applicationId, eventId: randomUUID(), tenant: DARMSTADT });
  };

  // Status events by application, decoded once each as they arrive.
  const events = new Map<string, ApplicationStatus[]>();
  let decoded = 0;
  const statuses = async () => {
    while (decoded < status.records.length) {
      const event = await env.codec.decode<ApplicationStatus>(status.records[decoded++]!.value);
      events.set(event.applicationId, [...(events.get(event.applicationId) ?? []), event]);
    }
    return events;
  };
  const has = (applicationId: string, wanted: string[]) => wanted.every((s) => events.get(applicationId)?.some((e) => e.status === s));
  const expectedOf = (s: ApplicationSubmitted) =>
    s.applicationId === heldBack.applicationId
      ? ['received', 'translated', 'delivered']
      : bauantraege.has(s.applicationId)
        ? ['received', 'translated', 'delivered', 'acknowledged', 'in_progress', 'decided']
        : ['received', 'translated', 'delivered', 'acknowledged'];

  const post = (xml: string) =>
    fetch(repliesUrl, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` }, body: xml });
  const submitAll = async (submissions: ApplicationSubmitted[]) => {
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();
  };

  beforeAll(async () => {
    await kafkaSh('up', '--cluster');
    env = await createIntegrationEnvironment('cluster-faults', { brokers: CLUSTER });
    heldBack = sampleGewerbeanmeldung(1, { applicationId: `${env.topicPrefix}rossdorf-by-hand`, eventId: randomUUID(), tenant: ROSSDORF });
    const common = { KAFKA_BROKERS: env.brokers.join(','), SCHEMA_REGISTRY_URL: env.registryUrl, TOPIC_PREFIX: env.topicPrefix, HEALTH_PORT: '0' };
    // Every client logs each refused connection while a broker is down, hundreds of lines; LOG_LEVEL=warn shows them.
    const logger = createLogger('cluster-faults', { level: process.env['LOG_LEVEL'] ?? 'silent' });
    let answer: (xml: Buffer) => void = () => {};
    backoffice = await startTestBackoffice({ onNewMessage: (xml) => answer(xml) });
    clerk = await startTestBackoffice();
    const masterData = await masterDataPointingAt(backoffice.url);
    for (const id of ['darmstadt-gewerbe-dms', 'darmstadt-bauaufsicht-xbau']) {
      await patchDestination(masterData, id, (d) => void (d.replies = { tokenEnv: 'TEST_CLUSTER_BACKOFFICE_TOKEN' }));
    }
    await patchDestination(masterData, 'rossdorf-dms', (d) => {
      d.connector = { type: 'http', url: clerk.url, timeoutMs: 10_000 };
      d.replies = { tokenEnv: 'TEST_CLUSTER_BACKOFFICE_TOKEN' };
    });
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    receipts = await startReceiptsService(
      receiptsConfigSchema.parse({ ...common, XOEV_SCHEMA_DIR: env.xoevSchemaDir, GROUP_ID: `${env.topicPrefix}receipts`, RECEIPTS_PORT: '0' }),
      { logger, service: { name: 'receipts', version: 'test' } },
    );
    repliesUrl = `http://127.0.0.1:${receipts.port}/replies`;
    // The back office's own log stays on: a reply the receipts endpoint refuses must show in a failed run.
    replier = createReplier({ url: repliesUrl, token: TOKEN, logger: createLogger('test-backoffice', { level: 'warn' }), retryDelayMs: 200 });
    answer = (xml) => replier.answer(xml);
    // One by one, so afterAll stops those that started even if a later one fails to.
    services.push(
      await startTranslatorService(
        translatorConfigSchema.parse({ ...common, XOEV_SCHEMA_DIR: env.xoevSchemaDir, GROUP_ID: `${env.topicPrefix}translator` }),
        { logger, service: { name: 'translator', version: 'test' } },
      ),
    );
    services.push(
      await startDeliveryService(deliveryConfigSchema.parse({ ...common, GROUP_ID: `${env.topicPrefix}delivery` }), {
        logger,
        service: { name: 'delivery', version: 'test' },
      }),
    );
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);
    deadLetters = await collectRecords(
      env.kafka,
      [env.contracts.submitted, env.contracts.outbound, env.contracts.replies].map((c) => deadLetterTopicOf(c.topic)),
    );
  }, 300_000);

  afterAll(async () => {
    await status?.stop();
    await deadLetters?.stop();
    for (const service of services) await service.stop();
    await receipts?.stop();
    await backoffice?.close();
    await clerk?.close();
    await kafkaSh('down', '--cluster', '--wipe');
  }, 180_000);

  it('loses nothing when a broker is killed and restarted mid-run', { timeout: 420_000 }, async () => {
    // Every tenth application a Darmstadt Bauantrag (XBau, three replies), the rest Gewerbeanmeldungen (xdomea, one receipt).
    const gewerbe = sampleSubmissions(env.topicPrefix, GEWERBEANMELDUNGEN);
    const submissions: ApplicationSubmitted[] = [heldBack];
    for (let i = 0; submissions.length < GEWERBEANMELDUNGEN + BAUANTRAEGE + 1; i++) {
      submissions.push(i % 10 === 9 ? bauantrag(i, `${env.topicPrefix}bau-${String(i).padStart(5, '0')}`) : gewerbe.shift()!);
    }
    const delivered = () => backoffice.stats.unique + clerk.stats.unique;
    const complete = async () => {
      await statuses();
      return submissions.every((s) => has(s.applicationId, expectedOf(s)));
    };
    const t0 = Date.now();
    const at = () => `${delivered()} delivered at ${seconds(Date.now() - t0)}`;
    await submitAll(submissions);

    await waitUntil(() => delivered() >= submissions.length * 0.3, 180_000, at);
    const killed = at();
    await kafkaSh('kill-node', '2');
    let restarting = '';
    try {
      await sleep(5_000);
      restarting = at();
    } finally {
      await kafkaSh('start-node', '2');
    }
    const back = at();

    await waitUntil(() => delivered() >= submissions.length, 240_000, at);
    const allDelivered = at();
    await waitUntil(complete, 240_000, () => {
      const missing = submissions.filter((s) => !has(s.applicationId, expectedOf(s)));
      return `${missing.length} incomplete, e.g. ${missing[0]?.applicationId}: ${events.get(missing[0]?.applicationId ?? '')?.map((e) => e.status).join(', ')}`;
    });
    const completeAfter = seconds(Date.now() - t0);
    await replier.idle();
    // Let redeliveries and repeated status events in flight land before counting.
    await sleep(3_000);
    await statuses();

    const records = [...events.values()].flat();
    const eventIds = new Set(records.map((e) => e.eventId));
    console.log(
      `cluster faults: ${submissions.length} applications (${BAUANTRAEGE} Bauanträge); broker 2 killed: ${killed}, restarting: ${restarting}, back: ${back}; ` +
        `all ${allDelivered}, every status at ${completeAfter}; back offices: ${delivered()} unique, ` +
        `${backoffice.stats.duplicates + clerk.stats.duplicates} deduplicated; ${records.length} status records, ${records.length - eventIds.size} of them repeated`,
    );

    expect(backoffice.stats.unique + clerk.stats.unique).toBe(submissions.length);
    expect(clerk.stats.unique).toBe(1);
    for (const s of submissions) {
      const seen = events.get(s.applicationId) ?? [];
      expect(new Set(seen.map((e) => e.status)), s.applicationId).toEqual(new Set(expectedOf(s)));
      // A step that ran again after the kill emits the same event id: each status is one event.
      for (const wanted of expectedOf(s)) expect(new Set(seen.filter((e) => e.status === wanted).map((e) => e.eventId)).size, `${s.applicationId} ${wanted}`).toBe(1);
    }
    expect(deadLetters.records).toEqual([]);
  });

  it('answers a reply posted while Kafka cannot store it with 503, and takes it once the brokers are back', { timeout: 300_000 }, async () => {
    const { messageId } = (await statuses()).get(heldBack.applicationId)!.find((e) => e.status === 'delivered')!;
    const reply = buildReply(readOriginalMessage(await readFile(join(clerk.dataDir, `${messageId}.xml`))), { kind: 'acknowledged' }, { createdAt: new Date(), product });
    const allServices = { translator: services[0]!, delivery: services[1]!, receipts };

    // Two of three down: the survivor may not take a write alone (min.insync.replicas 2, acks=all), and the KRaft quorum is gone too.
    await kafkaSh('kill-node', '2');
    await kafkaSh('kill-node', '3');
    const downAt = Date.now();
    const watchers = Object.entries(allServices).map(([name, service]) => watchReadiness(name, service, downAt));
    let writableAt = 0;
    let third: Promise<void> | undefined;
    try {
      const posted = Date.now();
      const refused = await post(reply.xml);
      const refusedAfter = Date.now() - posted;
      console.log(`cluster faults: reply posted with 2 of 3 brokers down: ${refused.status} after ${seconds(refusedAfter)}, ${await refused.text()}`);
      expect(refused.status).toBe(503);
      expect(refusedAfter).toBeLessThan(15_000);
      // Long enough for sessions and requests to time out, so the services' recovery is tested, not just a blip.
      await sleep(Math.max(0, 35_000 - (Date.now() - downAt)));
      // Two of three again: quorum and min.insync.replicas are met, so Kafka can store; the third comes meanwhile.
      await kafkaSh('start-node', '2');
      writableAt = Date.now();
      third = kafkaSh('start-node', '3');

      // The back office sends the same reply again until it is taken, as the reference replier does.
      let attempts = 0;
      let answered = 0;
      await waitUntil(
        async () => {
          attempts++;
          answered = (await post(reply.xml)).status;
          return answered === 202;
        },
        90_000,
        () => `${attempts} attempts, last ${answered}`,
      );
      const acceptedAt = Date.now();
      const acknowledged = async () => {
        await statuses();
        return has(heldBack.applicationId, ['acknowledged']);
      };
      await waitUntil(acknowledged, 60_000, () => 'not acknowledged');
      const acknowledgedAt = Date.now();
      // Resumed without anyone's help: every service ready again…
      await waitUntil(() => watchers.every((w) => w.ready), 120_000, () => watchers.map((w) => w.changes.join(', ')).join('; '));
      const readyAt = Date.now();
      await third;
      const wholeAt = Date.now();
      console.log(
        `cluster faults: brokers 2+3 down; writable again (2 of 3) after ${seconds(writableAt - downAt)}, whole after ${seconds(wholeAt - downAt)}; ` +
          `after writable: reply taken (202) in ${seconds(acceptedAt - writableAt)} (${attempts} attempt(s)), acknowledged in ${seconds(acknowledgedAt - writableAt)}, ` +
          `every service ready in ${seconds(readyAt - writableAt)}; readiness (s since the kill): ${watchers.map((w) => w.changes.join(', ')).join('; ')}`,
      );
    } finally {
      for (const watcher of watchers) watcher.stop();
      // Whatever failed above, leave the cluster whole for afterAll (starting a running node changes nothing).
      await third?.catch(() => {});
      await kafkaSh('start-node', '2');
      await kafkaSh('start-node', '3');
    }

    // …and new applications travel the whole way.
    const fresh = [...sampleSubmissions(`${env.topicPrefix}after-`, 10), bauantrag(1, `${env.topicPrefix}after-bau-1`), bauantrag(2, `${env.topicPrefix}after-bau-2`)];
    const submittedAt = Date.now();
    await submitAll(fresh);
    await waitUntil(
      async () => {
        await statuses();
        return fresh.every((s) => has(s.applicationId, expectedOf(s)));
      },
      120_000,
      () => `${fresh.filter((s) => !has(s.applicationId, expectedOf(s))).length} of ${fresh.length} new applications incomplete`,
    );
    const freshAfter = Date.now() - submittedAt;
    await sleep(3_000);
    await statuses();

    const acknowledgements = events.get(heldBack.applicationId)!.filter((e) => e.status === 'acknowledged');
    console.log(
      `cluster faults: ${fresh.length} new applications through every status in ${seconds(freshAfter)}; ` +
        `the reply: ${acknowledgements.length} acknowledged record(s), ${new Set(acknowledgements.map((e) => e.eventId)).size} event`,
    );
    // The reply stored by the 503'd request (it may still have landed) and the one taken with 202 are one event.
    expect(new Set(acknowledgements.map((e) => e.eventId)).size).toBe(1);
    expect(deadLetters.records).toEqual([]);
  });
});
