import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, deadLetterHeaders, importMasterData, type PipelineService } from '@amtsbote/core';
import { startDeliveryService, deliveryConfigSchema } from '@amtsbote/delivery';
import { buildReply, createReplier, readOriginalMessage, type Replier } from '@amtsbote/reference-backoffice';
import { startTestSftpServer, type TestSftpServer } from '@amtsbote/connector-sftp/testing';
import { deadLetterTopicOf, sampleBauantrag, sampleGewerbeanmeldung, type ApplicationStatus, type ApplicationSubmitted } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  patchDestination,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type RecordCollector,
  type TestBackoffice,
} from '@amtsbote/testing';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { receiptsConfigSchema } from './config.js';
import { startReceiptsService, type ReceiptsService } from './service.js';

const DARMSTADT = { ags: '06411000', ars: null, name: 'Wissenschaftsstadt Darmstadt' };
const ROSSDORF = { ags: '06432020', ars: null, name: 'Gemeinde Roßdorf' };
const MODAUTAL = { ags: '06432013', ars: null, name: 'Gemeinde Modautal' };
const GROSS_BIEBERAU = { ags: '06432009', ars: null, name: 'Stadt Groß-Bieberau' };
const product = { name: 'test', vendor: 'test', version: '1' };
// The back office of the test serves every destination with one token; Roßdorf's DMS has a second one of its own.
const TOKEN = `token-${randomUUID()}`;
const ROSSDORF_TOKEN = `token-${randomUUID()}`;
process.env['TEST_BACKOFFICE_TOKEN'] = TOKEN;
process.env['TEST_ROSSDORF_TOKEN'] = ROSSDORF_TOKEN;

describe('receipts: the back office replies, Amtsbote reports', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let replier: Replier;
  let receipts: ReceiptsService;
  let services: PipelineService[] = [];
  let status: RecordCollector;
  let deadLetters: RecordCollector;
  let repliesUrl: string;
  let sftp: TestSftpServer;
  let folderInbox: string;

  const statusesOf = async (applicationId: string) =>
    (await Promise.all(status.records.map((r) => env.codec.decode<ApplicationStatus>(r.value)))).filter((e) => e.applicationId === applicationId);
  const waitForStatus = async (applicationId: string, wanted: string[], timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = await statusesOf(applicationId);
      if (wanted.every((s) => events.some((e) => e.status === s))) return events;
      if (Date.now() > deadline) throw new Error(`${applicationId}: saw ${events.map((e) => e.status).join(', ')}, wanted ${wanted.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const post = (body: string | Buffer, token?: string) =>
    fetch(repliesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const submitBauantrag = (applicationId: string, tenant: typeof DARMSTADT) =>
    submitAndDeliver(applicationId, sampleBauantrag(1, { applicationId, eventId: randomUUID(), tenant }));
  const submitAndDeliver = async (applicationId: string, submission: ApplicationSubmitted) => {
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, [submission]);
    await producer.disconnect();
    const delivered = (await waitForStatus(applicationId, ['delivered'])).find((e) => e.status === 'delivered')!;
    return { messageId: delivered.messageId!, xml: await readFile(join(backoffice.dataDir, `${delivered.messageId}.xml`)) };
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('receipts');
    const logger = createLogger('receipts', { level: 'warn' });
    let answer: (xml: Buffer) => void = () => {};
    backoffice = await startTestBackoffice({ onNewMessage: (xml) => answer(xml) });
    const masterData = await masterDataPointingAt(backoffice.url);
    for (const id of ['darmstadt-bauaufsicht-xbau', 'rossdorf-dms']) {
      await patchDestination(masterData, id, (d) => void (d.replies = { tokenEnv: 'TEST_BACKOFFICE_TOKEN' }));
    }
    // Modautal's DMS replies by SFTP into an inbox, Groß-Bieberau's into a shared folder.
    sftp = await startTestSftpServer();
    folderInbox = await mkdtemp(join(tmpdir(), 'gross-bieberau-antworten-'));
    const { host, port, username, privateKeyFile, hostKeySha256, root } = sftp;
    await patchDestination(masterData, 'modautal-dms', (d) => {
      d.replies = { tokenEnv: 'TEST_ROSSDORF_TOKEN', inbox: { type: 'sftp', host, port, username, privateKeyFile, hostKeySha256, path: root, timeoutMs: 10_000 } };
    });
    await patchDestination(masterData, 'gross-bieberau-dms', (d) => void (d.replies = { inbox: { type: 'folder', path: folderInbox } }));
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    receipts = await startReceiptsService(
      receiptsConfigSchema.parse({
        ...env.serviceEnv('receipts'),
        RECEIPTS_PORT: '0',
        RECEIPTS_INBOX_INTERVAL_MS: '200',
      }),
      { logger, service: { name: 'receipts', version: 'test' } },
    );
    repliesUrl = `http://127.0.0.1:${receipts.port}/replies`;
    replier = createReplier({ url: repliesUrl, token: TOKEN, logger, retryDelayMs: 200 });
    answer = (xml) => replier.answer(xml);
    services = [
      await startTranslatorService(
        translatorConfigSchema.parse(env.serviceEnv('translator')),
        { logger, service: { name: 'translator', version: 'test' } },
      ),
      await startDeliveryService(deliveryConfigSchema.parse(env.serviceEnv('delivery')), {
        logger,
        service: { name: 'delivery', version: 'test' },
      }),
    ];
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);
    deadLetters = await collectRecords(env.kafka, [deadLetterTopicOf(env.contracts.replies.topic)]);
  }, 120_000);

  afterAll(async () => {
    await status?.stop();
    await deadLetters?.stop();
    for (const service of services) await service.stop();
    await receipts?.stop();
    await backoffice?.close();
    await sftp?.stop();
  });

  it('runs the full round trip for an XBau Bauantrag: delivered, acknowledged, in progress, decided (approved)', async () => {
    const applicationId = `${env.topicPrefix}bau-darmstadt`;
    await submitBauantrag(applicationId, DARMSTADT);
    const events = await waitForStatus(applicationId, ['received', 'translated', 'delivered', 'acknowledged', 'in_progress', 'decided']);
    const decided = events.find((e) => e.status === 'decided')!;
    expect(decided.outcome).toBe('approved');
    expect(decided.destinationId).toBe('darmstadt-bauaufsicht-xbau');
    expect(decided.detail).toContain('baugenehmigung.bescheid.0205');
    expect(events.filter((e) => e.status === 'acknowledged')).toHaveLength(1);
  });

  it('takes an xdomea receipt (0202) for a Roßdorf Bauantrag, and a repeated reply changes nothing', async () => {
    const applicationId = `${env.topicPrefix}bau-rossdorf`;
    const { xml } = await submitBauantrag(applicationId, ROSSDORF);
    await waitForStatus(applicationId, ['acknowledged']);
    const again = buildReply(readOriginalMessage(xml), { kind: 'acknowledged' }, { createdAt: new Date(), product });
    expect((await post(again.xml, TOKEN)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const acknowledgements = (await statusesOf(applicationId)).filter((e) => e.status === 'acknowledged');
    // The same reply twice is one event: its id derives from the reply, so the front office sees it once.
    expect(new Set(acknowledgements.map((e) => e.eventId)).size).toBe(1);
  });

  it('refuses unknown callers, hostile and invalid XML, and replies about a message of another back office', async () => {
    const applicationId = `${env.topicPrefix}bau-tenant`;
    const { xml } = await submitBauantrag(applicationId, DARMSTADT);
    const reply = buildReply(readOriginalMessage(xml), { kind: 'acknowledged' }, { createdAt: new Date(), product });

    expect((await post(reply.xml)).status).toBe(401);
    expect((await post(reply.xml, 'not-a-token')).status).toBe(401);
    // Modautal's credential does not speak for Darmstadt's Bauaufsicht.
    expect((await post(reply.xml, ROSSDORF_TOKEN)).status).toBe(403);

    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    const started = Date.now();
    const hostile = await post(laughs, TOKEN);
    expect(hostile.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(((await hostile.json()) as { title: string }).title).toContain('REPLY_DOCTYPE_FORBIDDEN');

    const invalid = reply.xml.replace(/(<\/[^>]+>\s*)$/, '<unerwartet/>$1');
    expect((await post(invalid, TOKEN)).status).toBe(422);
    expect((await post(Buffer.alloc(6 * 1024 * 1024, 'a'), TOKEN)).status).toBe(413);
  });

  it('dead-letters and counts a reply that refers to nothing Amtsbote sent', async () => {
    const { xml } = await submitBauantrag(`${env.topicPrefix}bau-unknown`, DARMSTADT);
    const original = readOriginalMessage(xml);
    const stranger = buildReply({ ...original, messageId: randomUUID() }, { kind: 'acknowledged' }, { createdAt: new Date(), product });
    expect((await post(stranger.xml, TOKEN)).status).toBe(202);
    const [letter] = await deadLetters.waitFor((rs) => rs.length > 0, 30_000);
    expect(letter!.headers[deadLetterHeaders.errorCode]).toBe('AMTSBOTE_REPLY_UNCORRELATED');
    const metrics = await (await fetch(`http://127.0.0.1:${receipts.healthPort}/metrics`)).text();
    expect(metrics).toContain('amtsbote_replies_uncorrelated_total{service="receipts"} 1');
    expect(metrics).toContain(
      `amtsbote_dead_letters_total{stage="${env.topicPrefix}receipts",topic="${env.contracts.replies.topic}",code="AMTSBOTE_REPLY_UNCORRELATED",service="receipts"} 1`,
    );
    // The operators' port only: back offices reach the intake port, and it answers nothing but replies.
    expect((await fetch(`http://127.0.0.1:${receipts.port}/metrics`)).status).toBe(404);
  });

  it('takes replies from an SFTP inbox and a folder, moving each file only once it is stored; a bad file goes to refused/ and the dead letters', async () => {
    const waitForFile = async (path: string) => {
      const deadline = Date.now() + 10_000;
      while (!existsSync(path) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(path), path).toBe(true);
    };
    const dropInto = async (dir: string, name: string, content: string) => {
      await writeFile(join(dir, `.${name}.part`), content);
      await rename(join(dir, `.${name}.part`), join(dir, name));
    };
    for (const [dir, tenant, name] of [
      [sftp.root, MODAUTAL, 'modautal'],
      [folderInbox, GROSS_BIEBERAU, 'gross-bieberau'],
    ] as const) {
      const applicationId = `${env.topicPrefix}gew-${name}`;
      const { xml } = await submitAndDeliver(applicationId, sampleGewerbeanmeldung(7, { applicationId, eventId: randomUUID(), tenant }));
      const receipt = buildReply(readOriginalMessage(xml), { kind: 'acknowledged' }, { createdAt: new Date(), product });
      await dropInto(dir, `${receipt.messageId}.xml`, receipt.xml);
      await waitForStatus(applicationId, ['acknowledged'], 30_000);
      // The file moves once the poller has its store acknowledged, which may be after the status.
      await waitForFile(join(dir, 'processed', `${receipt.messageId}.xml`));
      expect(existsSync(join(dir, `${receipt.messageId}.xml`)), name).toBe(false);

      await dropInto(dir, 'kaputt.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
      await deadLetters.waitFor((rs) => rs.some((r) => r.headers[deadLetterHeaders.sourceTopic] === `inbox:${name}-dms`), 30_000);
      await waitForFile(join(dir, 'refused', 'kaputt.xml'));
    }
  });
});
