import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, importMasterData, type PipelineService } from '@amtsbote/core';
import { sampleGewerbeanmeldung, type ApplicationStatus } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  createTestPki,
  masterDataPointingAt,
  patchDestination,
  repoRoot,
  serviceMain,
  startServiceProcess,
  startTestBackoffice,
  startTlsServer,
  submit,
  type CertificateFiles,
  type IntegrationEnvironment,
  type RecordCollector,
  type ServiceProcess,
  type TestBackoffice,
  type TestPki,
  type TlsServer,
} from '@amtsbote/testing';
import { deliveryConfigSchema, startDeliveryService } from '@amtsbote/delivery';
import { mappings, startTranslatorService, translatorConfigSchema, type Mapping } from '@amtsbote/translator';

/**
 * docs/operations.md, run as written: every shell block marked `<!-- runbook: <id> -->` is run with
 * `bash -euo pipefail` from the repository root, against a test environment set up so that the
 * block's scenario has happened, with the variables the runbook tells the operator to set. Each test
 * then checks that the block did what the runbook says it does.
 */

const RUNBOOK = join(repoRoot, 'docs/operations.md');

/** The runnable blocks of the runbook, by id, in document order. */
function runbookBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const [, id, script] of markdown.matchAll(/<!-- runbook: ([a-z0-9/-]+) -->\n```sh\n([\s\S]*?)\n```\n/g)) {
    if (blocks.has(id!)) throw new Error(`runbook block ${id} appears twice`);
    blocks.set(id!, script!);
  }
  const marks = [...markdown.matchAll(/^<!-- runbook:/gm)].length;
  if (marks !== blocks.size) throw new Error(`${marks} runbook marks, but only ${blocks.size} are followed by a sh block`);
  return blocks;
}

const MUNICIPALITIES = {
  darmstadt: { ags: '06411000', ars: null, name: 'Wissenschaftsstadt Darmstadt' },
  fischbachtal: { ags: '06432007', ars: null, name: 'Gemeinde Fischbachtal' },
  modautal: { ags: '06432013', ars: null, name: 'Gemeinde Modautal' },
  oberRamstadt: { ags: '06432016', ars: null, name: 'Stadt Ober-Ramstadt' },
} as const;

/** The runbook's advice for back offices that are down, shortened to seconds for the test. */
const SHORT_POLICY = { initialDelayMs: 100, maxDelayMs: 500, maxElapsedMs: 3_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until the next full second and returns it as the runbook writes times: UTC, to the second. */
async function nextFullSecond(): Promise<string> {
  await sleep(1_000 - (Date.now() % 1_000) + 5);
  return new Date(Math.floor(Date.now() / 1_000) * 1_000).toISOString().replace('.000Z', 'Z');
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A second client certificate from the test PKI's CA: what the operator gets for the rotation. */
function issueClientCertificate(pki: TestPki, name: string, dir: string): CertificateFiles {
  mkdirSync(dir, { recursive: true });
  const config = join(pki.dir, 'ca', 'openssl.cnf');
  const [key, csr, cert] = ['key', 'csr', 'pem'].map((ext) => join(dir, `${name}.${ext}`)) as [string, string, string];
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key);
  openssl('req', '-config', config, '-new', '-key', key, '-subj', `/CN=${name}`, '-out', csr);
  openssl('ca', '-config', config, '-batch', '-notext', '-extensions', 'client_cert', '-in', csr, '-out', cert);
  return { cert, key };
}

describe('docs/operations.md: every runbook block, run against its scenario', () => {
  const blocks = runbookBlocks(readFileSync(RUNBOOK, 'utf8'));
  const ran = new Set<string>();
  let env: IntegrationEnvironment;
  let work: string;
  let masterData: string;
  let backoffice: TestBackoffice;
  /** Modautal's back office: down until the scenario brings it back. */
  let modautal: { port: number; dataDir: string; running?: TestBackoffice };
  let pki: TestPki;
  let mtls: TlsServer;
  /** The client certificate CN the mTLS back office saw, per message id. */
  const clientCertificates = new Map<string, string | undefined>();
  let translator: PipelineService | undefined;
  let delivery: PipelineService | undefined;
  let receipts: ServiceProcess | undefined;
  let receiptsHealth: string;
  let status: RecordCollector;
  const events: ApplicationStatus[] = [];
  const logs = { translator: '', delivery: '' };

  const serviceLogger = (name: keyof typeof logs) =>
    createLogger(name, { level: 'info', destination: { write: (line: string) => appendFileSync(logs[name], line) } });
  async function startTranslator(): Promise<void> {
    translator = await startTranslatorService(translatorConfigSchema.parse(env.serviceEnv('translator')), {
      logger: serviceLogger('translator'),
      service: { name: 'translator', version: 'test' },
    });
  }
  async function startDelivery(): Promise<void> {
    delivery = await startDeliveryService(deliveryConfigSchema.parse(env.serviceEnv('delivery')), {
      logger: serviceLogger('delivery'),
      service: { name: 'delivery', version: 'test' },
    });
  }

  /** What every block gets, as the runbook's "Variables used below" lists them. */
  const commonVariables = () => ({
    KAFKA_BROKERS: env.brokers.join(','),
    SCHEMA_REGISTRY_URL: env.registryUrl,
    TOPIC_PREFIX: env.topicPrefix,
    TRANSLATOR_HEALTH: `http://127.0.0.1:${translator!.healthPort}`,
    DELIVERY_HEALTH: `http://127.0.0.1:${delivery!.healthPort}`,
    RECEIPTS_HEALTH: receiptsHealth,
    TRANSLATOR_LOG: logs.translator,
    DELIVERY_LOG: logs.delivery,
    MASTERDATA_DIR: masterData,
  });

  /** Runs a runbook block as an operator would (bash, repository root); returns its stdout, or throws with everything it printed. */
  async function runbook(id: string, variables: Record<string, string> = {}): Promise<string> {
    const script = blocks.get(id);
    if (script === undefined) throw new Error(`docs/operations.md has no block <!-- runbook: ${id} -->`);
    ran.add(id);
    const started = Date.now();
    try {
      const { stdout, stderr } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: repoRoot,
        env: { ...process.env, ...commonVariables(), ...variables },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      });
      console.log(`── runbook ${id} (${Date.now() - started} ms)\n${stdout}${stderr ? `── stderr\n${stderr}` : ''}`);
      return stdout;
    } catch (err) {
      const { code, stdout, stderr } = err as { code: number | string; stdout?: string; stderr?: string };
      throw new Error(`runbook block ${id} failed (exit ${code}):\n${script}\n── stdout\n${stdout}\n── stderr\n${stderr}`);
    }
  }

  async function statusEvents(): Promise<ApplicationStatus[]> {
    while (events.length < status.records.length) events.push(await env.codec.decode<ApplicationStatus>(status.records[events.length]!.value));
    return events;
  }
  const eventsOf = async (applicationId: string) => (await statusEvents()).filter((e) => e.applicationId === applicationId);
  /** Waits until each application has an event that `matches`. */
  async function waitForStatus(applicationIds: string[], matches: (e: ApplicationStatus) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const all = await statusEvents();
      const missing = applicationIds.filter((id) => !all.some((e) => e.applicationId === id && matches(e)));
      if (missing.length === 0) return;
      if (Date.now() > deadline) throw new Error(`no ${what} within 60 s for ${missing.join(', ')}`);
      await sleep(200);
    }
  }
  const waitFor = (ids: string[], wanted: ApplicationStatus['status'], replay?: boolean) =>
    waitForStatus(ids, (e) => e.status === wanted && (replay === undefined || e.replay === replay), `${wanted}${replay ? ' (replay)' : ''}`);

  const appId = (name: string) => `${env.topicPrefix}${name}`;
  let sample = 0;
  /** Submits a Gewerbeanmeldung per application id, as a front office would. */
  async function submitApplications(municipality: keyof typeof MUNICIPALITIES, ids: string[]): Promise<void> {
    const producer = env.kafka.producer();
    await producer.connect();
    try {
      await submit(
        producer,
        env.codec,
        env.contracts.submitted,
        ids.map((applicationId) => sampleGewerbeanmeldung(++sample, { applicationId, eventId: randomUUID(), tenant: MUNICIPALITIES[municipality] })),
      );
    } finally {
      await producer.disconnect();
    }
  }

  async function partitionEnds(topic: string): Promise<bigint[]> {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      return [...(await admin.endOffsets(topic))].sort(([a], [b]) => a - b).map(([, end]) => BigInt(end));
    } finally {
      await admin.disconnect();
    }
  }

  async function topicNames(): Promise<string[]> {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      return await admin.listTopics();
    } finally {
      await admin.disconnect();
    }
  }

  /** The xdomea 3.1.0 mapping, which a "bad release" replaces for a while. */
  const xdomea = mappings.find((m) => m.standard === 'xdomea' && m.version === '3.1.0')!;
  const correctMap = xdomea.map.bind(xdomea);
  const deploy = (map: Mapping['map']) => {
    xdomea.map = map;
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('runbook');
    work = await mkdtemp(join(tmpdir(), 'amtsbote-runbook-'));
    logs.translator = join(work, 'translator.log');
    logs.delivery = join(work, 'delivery.log');
    writeFileSync(logs.translator, '');
    writeFileSync(logs.delivery, '');

    backoffice = await startTestBackoffice();
    const down = await startTestBackoffice();
    modautal = { port: down.port, dataDir: down.dataDir };
    await down.close();

    pki = createTestPki(join(work, 'pki'));
    mtls = await startTlsServer({
      pki,
      requestCert: true,
      handler: (req, res) => {
        const cn = [(req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? []].flat().join(',') || undefined;
        const messageId = req.headers['idempotency-key'];
        req.resume();
        req.on('end', () => {
          if (req.method !== 'POST' || typeof messageId !== 'string') return void res.writeHead(405).end();
          clientCertificates.set(messageId, cn);
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ receiptId: `r-${clientCertificates.size}` }));
        });
      },
    });

    masterData = await masterDataPointingAt(backoffice.url);
    await patchDestination(masterData, 'modautal-dms', (d) => {
      d.connector = { type: 'http', url: `http://127.0.0.1:${modautal.port}/xoev/messages`, timeoutMs: 2_000 };
      d.delivery = SHORT_POLICY;
    });
    await patchDestination(masterData, 'ober-ramstadt-dms', (d) => {
      d.connector = { type: 'http', url: mtls.url, timeoutMs: 10_000, tls: { caFile: pki.ca, certFile: pki.client.cert, keyFile: pki.client.key } };
    });
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });

    status = await collectRecords(env.kafka, [env.contracts.status.topic]);
    await startTranslator();
    await startDelivery();
    const healthPort = await freePort();
    receiptsHealth = `http://127.0.0.1:${healthPort}`;
    receipts = startServiceProcess(
      serviceMain('receipts'),
      { ...env.serviceEnv('receipts'), HEALTH_PORT: String(healthPort), RECEIPTS_PORT: '0', LOG_LEVEL: 'warn', PATH: process.env['PATH'] },
      'receipts',
    );
    await until('the receipts service is ready', async () => (await fetch(`${receiptsHealth}/readyz`).catch(() => undefined))?.status === 200);
  });

  afterAll(async () => {
    deploy(correctMap);
    receipts?.kill('SIGTERM');
    // Each takes a few seconds to leave its consumer groups: in parallel.
    await Promise.all([status?.stop(), translator?.stop(), delivery?.stop(), receipts?.ended]);
    await backoffice?.close();
    await modautal?.running?.close();
    await mtls?.close();
    for (const dir of [work, masterData]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('first look: every service ready, dead letters listed', async () => {
    const out = await runbook('first-look');
    expect(out.match(/"ready":true/g)).toHaveLength(3);
    expect(out).toContain('no dead letters');
  });

  it('a back office down: only its lane waits; given up after its policy; redriven when back, each message delivered once', async () => {
    const waiting = ['modautal-1', 'modautal-2', 'modautal-3'].map(appId);
    const others = ['darmstadt-1', 'darmstadt-2'].map(appId);
    await submitApplications('modautal', waiting);
    await submitApplications('darmstadt', others);
    await waitFor(others, 'delivered');
    // The others went through while Modautal's lane was still retrying its first messages.
    expect((await statusEvents()).some((e) => waiting.includes(e.applicationId) && e.status === 'delivery_failed')).toBe(false);
    await waitFor(waiting, 'delivery_failed');

    const variables = { DESTINATION: 'modautal-dms', APP: waiting[0]! };
    const check = await runbook('backoffice-down/check', variables);
    expect(check).toMatch(/amtsbote_retries_total\{[^}]*delivery\.lane\.modautal-dms\.v1[^}]*code="AMTSBOTE_DELIVERY_UNAVAILABLE"/);
    expect(check).toContain('"code":"AMTSBOTE_DELIVERY_UNAVAILABLE"');
    expect(check).toMatch(/3 dead letter\(s\):\n\s+TOPIC\s+CODE\s+COUNT\s+REDRIVEN\n\s+xoev\.outbound\.v1\.dlq\s+AMTSBOTE_DELIVERY_EXHAUSTED\s+3\s+0/);

    modautal.running = await startTestBackoffice({ port: modautal.port, dataDir: modautal.dataDir });
    const redrive = await runbook('backoffice-down/redrive', variables);
    expect(redrive).toContain('redrive: 3 to redrive (dry run, nothing sent), 0 skipped, 0 refused');
    expect(redrive).toContain('redrive: 3 redriven, 0 skipped, 0 refused');
    await waitFor(waiting, 'delivered', true);

    const verify = await runbook('backoffice-down/verify', variables);
    expect(verify).toMatch(/status delivery_failed by amtsbote\/delivery[\s\S]*queued on lane modautal-dms \(redriven from [^)]*xoev\.outbound\.v1\.dlq\/\d+\/\d+\)[\s\S]*status delivered by amtsbote\/delivery — modautal-dms.*\(replay\)/);
    expect(verify).toMatch(/3 dead letter\(s\), 3 of them redriven already/);
    expect(modautal.running.stats).toMatchObject({ unique: 3, duplicates: 0 });
    expect(backoffice.stats).toMatchObject({ unique: 2, duplicates: 0 });
  });

  it('a bad release for an hour: the replay repairs what was rejected; it lists what the back office kept in the wrong version', async () => {
    const [wrong, crashed, later] = ['bad-1', 'bad-2', 'after-fix-3'].map(appId) as [string, string, string];
    const T0 = await nextFullSecond();
    // The bad release: a Gewerbeanmeldung becomes an Abmeldung (valid, but wrong), and one application makes it fail.
    deploy((submission, context, log) => {
      if (submission.applicationId === crashed) throw new Error('Cannot read properties of undefined');
      return correctMap(submission, context, log).replace('Gewerbe anmelden:', 'Gewerbe abmelden:');
    });
    await submitApplications('fischbachtal', [wrong, crashed]);
    await waitFor([wrong], 'delivered');
    await waitFor([crashed], 'rejected');
    const T1 = await nextFullSecond();
    deploy(correctMap);
    await submitApplications('fischbachtal', [later]);
    await waitFor([later], 'delivered');
    const messageOf = async (id: string) => (await eventsOf(id)).find((e) => e.status === 'translated')!.messageId!;
    const storedXml = async (id: string) => (await fetch(`${backoffice.url}/${await messageOf(id)}`)).text();
    expect(await storedXml(wrong)).toContain('Gewerbe abmelden:');

    const variables = { T0, T1, APP: crashed };
    const scope = await runbook('bad-deployment/scope', variables);
    expect(scope).toMatch(/would replay 2 record\(s\) from \S+applications\.submitted\.v1 into \S+applications\.submitted\.v1 \(dry run/);
    expect(scope).toMatch(/submitted\/\d+\/\d+ .*AMTSBOTE_MAPPING_FAILED\s+permanent\s+\S*bad-2/);

    const replay = await runbook('bad-deployment/replay', variables);
    expect(replay).toMatch(/replayed 2 record\(s\)/);
    await waitFor([wrong, crashed], 'delivered', true);

    const verify = await runbook('bad-deployment/verify', variables);
    expect(verify).toMatch(/status delivered by amtsbote\/delivery — fischbachtal-dms.*\(replay\)/);
    // Only the application whose wrong message the back office kept is listed, with its destination and message id.
    expect(verify).toContain(`${wrong} fischbachtal-dms ${await messageOf(wrong)}\n`);
    expect(verify).not.toContain(`${crashed} `);
    expect(verify).not.toContain(`${later} `);
    // As the runbook says: repaired where the back office had nothing; the wrong message stays where it had one.
    expect(await storedXml(crashed)).toContain('Gewerbe anmelden:');
    expect(await storedXml(wrong)).toContain('Gewerbe abmelden:');
  });

  it('a poison message: dead-lettered, the partition moves on; inspected; redriven after the fix', async () => {
    const [garbage, buggy] = ['poison-1', 'poison-2'].map(appId) as [string, string];
    // A front office that sends JSON instead of Avro, then the corrected submission under the same id (same partition).
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send([{ topic: env.contracts.submitted.topic, key: Buffer.from(garbage), value: Buffer.from(JSON.stringify({ applicationId: garbage })), headers: {} }]);
    await producer.disconnect();
    await submitApplications('darmstadt', [garbage]);
    // A release that cannot map one application.
    deploy((submission, context, log) => {
      if (submission.applicationId === buggy) throw new Error('Invalid time value');
      return correctMap(submission, context, log);
    });
    await submitApplications('darmstadt', [buggy]);
    await waitFor([garbage], 'delivered');
    await waitFor([buggy], 'rejected');

    const find = await runbook('poison/find');
    expect(find).toMatch(/amtsbote_dead_letters_total\{[^}]*code="AMTSBOTE_NOT_WIRE_FORMAT"[^}]*\} 1/);
    expect(find).toContain('"msg":"record dead-lettered"');
    const listed = [...find.matchAll(/^(submitted\/\d+\/\d+)\s.*\s(AMTSBOTE_\w+)\s+permanent\s+(\S+)\s/gm)].map(([, id, code, key]) => ({ id: id!, code, key }));
    const garbageLetter = listed.find((d) => d.key === garbage && d.code === 'AMTSBOTE_NOT_WIRE_FORMAT')!;
    const buggyLetter = listed.find((d) => d.key === buggy && d.code === 'AMTSBOTE_MAPPING_FAILED')!;
    expect(garbageLetter).toBeDefined();
    expect(buggyLetter).toBeDefined();

    const inspected = await runbook('poison/inspect', { APP: garbage, DLQ_ID: garbageLetter.id });
    expect(inspected).toMatch(/dead letter AMTSBOTE_NOT_WIRE_FORMAT \(permanent\) from applications\.submitted\.v1/);
    expect(inspected).toMatch(/status rejected by amtsbote\/translator[\s\S]*status delivered by amtsbote\/delivery/);
    expect(inspected).toContain(`dead letter ${garbageLetter.id} `);
    expect(inspected).toContain(`value: text,`);

    deploy(correctMap);
    const redriven = await runbook('poison/redrive', { APP: buggy, DLQ_ID: buggyLetter.id });
    expect(redriven).toContain(`would redrive ${buggyLetter.id} (AMTSBOTE_MAPPING_FAILED, key ${buggy}) → applications.submitted.v1`);
    expect(redriven).toContain('redrive: 1 redriven, 0 skipped, 0 refused');
    await waitFor([buggy], 'delivered', true);
  });

  it('rotating the client certificate: the next delivery presents the new one, without a restart', async () => {
    const rotated = issueClientCertificate(pki, 'amtsbote-delivery-2027', join(work, 'tls-2027'));
    const [before, after, afterCleanup, stuck] = ['or-1', 'or-2', 'or-3', 'or-4'].map(appId) as [string, string, string, string];
    const cnOf = async (id: string) => clientCertificates.get((await eventsOf(id)).find((e) => e.status === 'delivered')!.messageId!);
    await submitApplications('oberRamstadt', [before]);
    await waitFor([before], 'delivered');
    expect(await cnOf(before)).toBe('amtsbote-delivery');

    const variables = {
      DESTINATION: 'ober-ramstadt-dms',
      OLD_CERT: pki.client.cert,
      OLD_KEY: pki.client.key,
      NEW_CERT: rotated.cert,
      NEW_KEY: rotated.key,
      CA_FILE: pki.ca,
      BACKOFFICE_URL: mtls.url,
    };
    const check = await runbook('certificate/check', variables);
    expect(check).toMatch(/subject=\s*CN\s*=\s*amtsbote-delivery-2027\n/);
    expect(check).toContain('key matches');
    expect(check).toContain('HTTP 405');

    const switched = await runbook('certificate/switch', variables);
    expect(switched).toMatch(/masterdata: an import would write: 0 added, 1 changed, 0 removed/);
    const importId = /masterdata: imported as import (\S+):/.exec(switched)?.[1];
    expect(importId).toBeDefined();
    expect(readFileSync(join(masterData, 'destinations.yaml'), 'utf8')).toContain(rotated.cert);
    await until('the delivery service applied the import', async () => readFileSync(logs.delivery, 'utf8').includes(`"importId":"${importId}"`));

    await submitApplications('oberRamstadt', [after]);
    await waitFor([after], 'delivered');
    expect(await cnOf(after)).toBe('amtsbote-delivery-2027');
    const verify = await runbook('certificate/verify', { ...variables, IMPORT_ID: importId! });
    expect(verify).toMatch(/amtsbote_delivery_seconds_count\{[^}]*destination="ober-ramstadt-dms",outcome="delivered"[^}]*\} 2/);

    await runbook('certificate/cleanup', variables);
    await submitApplications('oberRamstadt', [afterCleanup]);
    await waitFor([afterCleanup], 'delivered');
    expect(await cnOf(afterCleanup)).toBe('amtsbote-delivery-2027');

    // What the runbook says of paths that do not exist (here: a rollback to the removed files): the
    // lane waits, however short its policy, and goes on once the master data names files that exist.
    const broken = join(work, 'masterdata-broken');
    cpSync(masterData, broken, { recursive: true });
    await patchDestination(broken, 'ober-ramstadt-dms', (d) => {
      d.connector = { type: 'http', url: mtls.url, timeoutMs: 10_000, tls: { caFile: pki.ca, certFile: pki.client.cert, keyFile: pki.client.key } };
      d.delivery = { initialDelayMs: 100, maxDelayMs: 300, maxElapsedMs: 1_000 };
    });
    const applied = async (importId: string | null) => readFileSync(logs.delivery, 'utf8').includes(`"importId":"${importId}"`);
    const rolledBack = await importMasterData(env.kafka, broken, { prefix: env.topicPrefix });
    await until('the delivery service applied the broken import', () => applied(rolledBack.importId));
    await submitApplications('oberRamstadt', [stuck]);
    const waiting = () =>
      readFileSync(logs.delivery, 'utf8')
        .split('\n')
        .filter((line) => line.includes('delivery.lane.ober-ramstadt-dms.v1') && line.includes('"msg":"retriable error, waiting before the next attempt"'));
    await until('the lane retries', async () => waiting().length >= 3);
    await sleep(2_000);
    expect(waiting().at(-1)).toMatch(/"code":"AMTSBOTE_UNEXPECTED","err":"ENOENT: no such file or directory, open '[^']+amtsbote-delivery\.(pem|key)'"/);
    expect((await eventsOf(stuck)).map((e) => e.status)).toEqual(['received', 'translated']);
    const fixed = await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    await until('the delivery service applied the fixed import', () => applied(fixed.importId));
    await waitFor([stuck], 'delivered');
    expect(await cnOf(stuck)).toBe('amtsbote-delivery-2027');
  });

  it('adding partitions, to a topic of topics.yaml and to a lane: only at lag 0; nothing lost on the new partitions', async () => {
    const submitted = env.contracts.submitted.topic;
    const lane = `${env.topicPrefix}delivery.lane.darmstadt-gewerbe-dms.v1`;
    // The reviewed change to infra/topics.yaml, made to a copy.
    const topicsFile = join(work, 'topics.yaml');
    const declared = readFileSync(join(repoRoot, 'infra/topics.yaml'), 'utf8');
    const grown = declared.replace(/(- name: applications\.submitted\.v1\n\s+partitions: )6\n/, '$112\n');
    expect(grown).not.toBe(declared);
    writeFileSync(topicsFile, grown);

    const lag = await runbook('partitions/check-lag', { TOPIC: 'applications.submitted.v1', HEALTH: `http://127.0.0.1:${translator!.healthPort}` });
    expect(lag).toMatch(/amtsbote_consumer_lag\{[^}]*applications\.submitted\.v1[^}]*\} 0/);
    const applied = await runbook('partitions/apply', { TOPICS_FILE: topicsFile });
    expect(applied).toContain(`would add partitions to ${submitted}: 6 → 12`);
    expect(applied).toContain(`would add partitions to ${submitted}.dlq: 6 → 12`);
    expect(applied.split('\n').filter((l) => l.startsWith('add partitions'))).toEqual([
      `add partitions to ${submitted}: 6 → 12`,
      `add partitions to ${submitted}.dlq: 6 → 12`,
    ]);
    expect(await partitionEnds(submitted)).toHaveLength(12);

    await runbook('partitions/check-lag', { TOPIC: 'delivery.lane.darmstadt-gewerbe-dms.v1', HEALTH: `http://127.0.0.1:${delivery!.healthPort}` });
    const grew = await runbook('partitions/lane', { DESTINATION: 'darmstadt-gewerbe-dms', PARTITIONS: '12', LANE_TOPICS: join(work, 'lanes.yaml') });
    expect(grew).toContain(`would add partitions to ${lane}: 6 → 12`);
    expect(await partitionEnds(lane)).toHaveLength(12);
    // A misspelt destination would create a topic: the block stops before it does.
    await expect(runbook('partitions/lane', { DESTINATION: 'darmstadt-gewerbe-dsm', PARTITIONS: '12', LANE_TOPICS: join(work, 'typo.yaml') })).rejects.toThrow(
      /would create \S+delivery\.lane\.darmstadt-gewerbe-dsm\.v1/,
    );
    expect(await topicNames()).not.toContain(`${env.topicPrefix}delivery.lane.darmstadt-gewerbe-dsm.v1`);

    // The restart the runbook recommends, so the services use the new partitions at once.
    await Promise.all([translator!.stop().then(startTranslator), delivery!.stop().then(startDelivery)]);
    const applications = Array.from({ length: 24 }, (_, i) => appId(`grown-${i}`));
    await submitApplications('darmstadt', applications);
    await waitFor(applications, 'delivered');
    const onNew = async (topic: string) => (await partitionEnds(topic)).slice(6).reduce((sum, end) => sum + end, 0n);
    expect(await onNew(submitted)).toBeGreaterThan(0n);
    expect(await onNew(lane)).toBeGreaterThan(0n);
    const again = await runbook('partitions/apply', { TOPICS_FILE: topicsFile });
    expect(again).toContain('topics: up to date');
  });

  it('ran every runbook block of docs/operations.md', () => {
    expect([...ran].sort()).toEqual([...blocks.keys()].sort());
  });
});
