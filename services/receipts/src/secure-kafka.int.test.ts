import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKafkajsClient,
  createLogger,
  importMasterData,
  kafkaEnvSchema,
  kafkaSecurityOf,
  parseConfig,
  type KafkaClient,
  type KafkaSecurity,
  type PipelineService,
} from '@amtsbote/core';
import { deliveryConfigSchema, startDeliveryService } from '@amtsbote/delivery';
import { createReplier } from '@amtsbote/reference-backoffice';
import type { ApplicationStatus } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  patchDestination,
  repoRoot,
  sampleSubmissions,
  serviceMain,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type RecordCollector,
  type TestBackoffice,
} from '@amtsbote/testing';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { receiptsConfigSchema } from './config.js';
import { startReceiptsService, type ReceiptsService } from './service.js';

// The secured broker of `kafka.sh up --secure`, apart from the shared plaintext one on 9092.
const SECURE_BROKER = '127.0.0.1:9192';
const secureDir = join(repoRoot, '.cache/kafka/secure');
// Darmstadt's Gewerbe DMS (where the sample Gewerbeanmeldungen go) posts its receipts with this token.
const TOKEN = `token-${randomUUID()}`;
process.env['TEST_SECURE_KAFKA_TOKEN'] = TOKEN;

/** The environment a service (or the CLI, as admin) runs with to reach the secured broker as `user`. */
const credentialsOf = (user: string) => ({
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SASL_USERNAME: user,
  KAFKA_SASL_PASSWORD_FILE: join(secureDir, 'secrets', `${user}.password`),
  KAFKA_SSL_CA_FILE: join(secureDir, 'tls/ca.pem'),
});
const securityOf = (user: string, overrides: Record<string, string> = {}): KafkaSecurity =>
  kafkaSecurityOf(parseConfig(kafkaEnvSchema, { ...credentialsOf(user), ...overrides }, 'environment'));

const brokerLog = join(secureDir, 'node-1/server.log');
/** Where the broker's log stood when this file started: it logs every denial (kafka.authorizer.logger). */
let brokerLogStart = 0;
/** The secured broker's log lines written since this file started (all of them, if the log has rolled since). */
async function brokerLogLines(): Promise<string[]> {
  const log = await readFile(brokerLog);
  return log.subarray(log.length >= brokerLogStart ? brokerLogStart : 0).toString('utf8').split('\n');
}

/** Waits until the secured broker's log has a line matching `pattern`. */
async function brokerLogLine(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = (await brokerLogLines()).find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in the secured broker's server.log`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const clientAs = (security: KafkaSecurity): KafkaClient =>
  createKafkajsClient({ brokers: [SECURE_BROKER], clientId: 'test-secure-probe', logger: createLogger('test-secure-probe', { level: 'silent' }), security });

describe('Kafka over SASL_SSL with SCRAM-SHA-512 users and ACLs per service', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let receipts: ReceiptsService | undefined;
  let services: PipelineService[] = [];
  let status: RecordCollector;
  let aclRuns: string[] = [];

  /** `amtsbote acls apply` as the admin user, as an operator runs it. */
  async function applyAclsWithCli(): Promise<string> {
    const { stdout } = await promisify(execFile)(process.execPath, [serviceMain('cli'), 'acls', 'apply'], {
      env: { PATH: process.env['PATH'], KAFKA_BROKERS: SECURE_BROKER, TOPIC_PREFIX: env.topicPrefix, ...credentialsOf('admin') },
      timeout: 120_000,
    });
    return stdout;
  }

  beforeAll(async () => {
    // A first start formats the node and makes its certificates; on a busy 2-core machine the TLS
    // handshakes of the controller channel alone took a minute, hence more than kafka.sh's 90 s.
    execFileSync('bash', [join(repoRoot, 'infra/kafka/kafka.sh'), 'up', '--secure'], {
      stdio: 'inherit',
      env: { ...process.env, KAFKA_START_TIMEOUT: '240' },
      timeout: 300_000,
    });
    brokerLogStart = (await stat(brokerLog)).size;
    // The environment's own client (topics, master data, submissions, the status collector) is the admin.
    env = await createIntegrationEnvironment('secure-kafka', { brokers: [SECURE_BROKER], security: securityOf('admin') });
    aclRuns = [await applyAclsWithCli(), await applyAclsWithCli()];
    let answer: (xml: Buffer) => void = () => {};
    backoffice = await startTestBackoffice({ onNewMessage: (xml) => answer(xml) });
    const masterData = await masterDataPointingAt(backoffice.url);
    await patchDestination(masterData, 'darmstadt-gewerbe-dms', (d) => void (d.replies = { tokenEnv: 'TEST_SECURE_KAFKA_TOKEN' }));
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    // Each service as its own user. Group ids keep the amtsbote-<service> beginning the ACLs allow.
    const configOf = (service: string) => ({
      ...env.serviceEnv(service),
      ...credentialsOf(service),
      GROUP_ID: `amtsbote-${service}-${env.topicPrefix.slice(0, -1)}`,
    });
    const logger = createLogger('secure-kafka', { level: 'warn' });
    receipts = await startReceiptsService(parseConfig(receiptsConfigSchema, { ...configOf('receipts'), RECEIPTS_PORT: '0' }, 'environment'), {
      logger,
      service: { name: 'receipts', version: 'test' },
    });
    const replier = createReplier({ url: `http://127.0.0.1:${receipts.port}/replies`, token: TOKEN, logger, retryDelayMs: 200 });
    answer = (xml) => replier.answer(xml);
    services = [
      await startTranslatorService(parseConfig(translatorConfigSchema, configOf('translator'), 'environment'), {
        logger,
        service: { name: 'translator', version: 'test' },
      }),
      await startDeliveryService(parseConfig(deliveryConfigSchema, configOf('delivery'), 'environment'), {
        logger,
        service: { name: 'delivery', version: 'test' },
      }),
    ];
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);
  }, 600_000);

  afterAll(async () => {
    await status?.stop();
    for (const service of services) await service.stop();
    await receipts?.stop();
    await backoffice?.close();
    // The secured broker stays up for the next run, like the shared stack: `kafka.sh down --secure` stops it.
  });

  it('applies the ACLs of infra/kafka/acls.yaml with the CLI, idempotently', () => {
    expect(aclRuns[0]).toMatch(/^created: User:translator may READ topic test-secure-kafka-[0-9a-f]{8}\.applications\.submitted\.v1$/m);
    expect(aclRuns[0]).toMatch(/^created: User:delivery may CREATE topics test-secure-kafka-[0-9a-f]{8}\.delivery\.lane\.\*$/m);
    expect(aclRuns[1]).toMatch(/^acls: 0 created, [1-9]\d* already there$/m);
  });

  it('carries applications to the back office and its receipts back: translator, delivery and receipts each as its own user', async () => {
    const submissions = sampleSubmissions(env.topicPrefix, 5);
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();

    await status.waitFor((records) => records.length >= submissions.length * 4, 90_000);
    const events = await Promise.all(status.records.map((r) => env.codec.decode<ApplicationStatus>(r.value)));
    // The back office acknowledges as soon as it has the message, so `acknowledged` may come before `delivered`.
    for (const s of submissions) {
      expect(events.filter((e) => e.applicationId === s.applicationId).map((e) => e.status).sort(), s.applicationId).toEqual(['acknowledged', 'delivered', 'received', 'translated']);
    }
    expect(backoffice.stats).toMatchObject({ unique: 5, duplicates: 0 });
  });

  it('needed nothing the ACLs do not allow: the broker denied the services nothing', async () => {
    expect((await brokerLogLines()).filter((line) => line.includes(' is Denied '))).toEqual([]);
  });

  it('gives the lane topics delivery created the retention of the outbound topic', async () => {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      const lanes = (await admin.listTopics()).filter((name) => name.startsWith(`${env.topicPrefix}delivery.lane.`));
      expect(lanes.length).toBeGreaterThan(0);
      const configs = await admin.describeTopicConfigs([env.contracts.outbound.topic, ...lanes]);
      const outbound = configs.get(env.contracts.outbound.topic)!;
      expect(outbound).toMatchObject({ 'retention.ms': '1209600000', 'segment.ms': '86400000' });
      for (const lane of lanes) expect(configs.get(lane), lane).toMatchObject({ 'retention.ms': outbound['retention.ms'], 'segment.ms': outbound['segment.ms'] });
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses the delivery user a topic it has no ACL for: it cannot read the back offices’ replies', async () => {
    const consumer = clientAs(securityOf('delivery')).consumer({ groupId: `amtsbote-delivery-probe-${randomUUID()}` });
    await consumer.connect();
    try {
      await expect(consumer.subscribe([env.contracts.replies.topic])).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses the delivery user a consumer group of another service', async () => {
    const groupId = `amtsbote-translator-probe-${randomUUID()}`;
    const consumer = clientAs(securityOf('delivery')).consumer({ groupId });
    const crashed = new Promise<unknown>((resolve) => consumer.on('crashed', resolve));
    await consumer.connect();
    try {
      // The topic is one delivery may read; the group is not its own.
      await consumer.subscribe([env.contracts.outbound.topic]);
      await consumer.run({ eachBatch: async () => {} });
      // The broker answers FindCoordinator with GROUP_AUTHORIZATION_FAILED, which kafkajs reports as
      // "no coordinator" (it asks every broker and keeps no error); the broker's log says why.
      expect(await crashed).toMatchObject({ error: { name: 'KafkaJSGroupCoordinatorNotFound' } });
      expect(await brokerLogLine(new RegExp(`User:delivery is Denied operation = DESCRIBE .* resource = Group:LITERAL:${groupId} for request = FindCoordinator`))).toBeTruthy();
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses the delivery user writing a topic it may only read', async () => {
    const producer = clientAs(securityOf('delivery')).producer();
    await producer.connect();
    try {
      const record = { topic: env.contracts.outbound.topic, key: 'forged', value: Buffer.from('forged'), headers: {} };
      await expect(producer.send([record])).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    } finally {
      await producer.disconnect();
    }
  });

  it('refuses a wrong password', async () => {
    const wrongPassword = join(await mkdtemp(join(tmpdir(), 'amtsbote-secure-')), 'delivery.password');
    await writeFile(wrongPassword, 'not-the-password', { mode: 0o600 });
    const admin = clientAs(securityOf('delivery', { KAFKA_SASL_PASSWORD_FILE: wrongPassword })).admin();
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError', message: expect.stringMatching(/authentication failed/i) });
  });
});
