import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, importMasterData, type PipelineService } from '@amtsbote/core';
import type { ApplicationStatus, XoevMessage } from '@amtsbote/schemas';
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
import { deliveryConfigSchema } from './config.js';
import { startDeliveryService } from './service.js';

const APPLICATIONS = 1_000;

describe('a translator killed with SIGKILL in the middle of a run', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let delivery: PipelineService;
  let translatorMain: string;
  let translatorEnv: NodeJS.ProcessEnv;
  const children: ServiceProcess[] = [];

  const startTranslator = () => {
    const child = startServiceProcess(translatorMain, translatorEnv, 'translator');
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    translatorMain = serviceMain('translator');
    env = await createIntegrationEnvironment('translator-crash');
    backoffice = await startTestBackoffice();
    await importMasterData(env.kafka, await masterDataPointingAt(backoffice.url), { prefix: env.topicPrefix });
    const common = { KAFKA_BROKERS: env.brokers.join(','), SCHEMA_REGISTRY_URL: env.registryUrl, TOPIC_PREFIX: env.topicPrefix, HEALTH_PORT: '0' };
    translatorEnv = { ...process.env, ...common, XOEV_SCHEMA_DIR: env.xoevSchemaDir, GROUP_ID: `${env.topicPrefix}translator`, LOG_LEVEL: 'error' };
    delivery = await startDeliveryService(deliveryConfigSchema.parse({ ...common, GROUP_ID: `${env.topicPrefix}delivery` }), {
      logger: createLogger('delivery', { level: 'warn' }),
      service: { name: 'delivery', version: 'test' },
    });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await delivery?.stop();
    await backoffice?.close();
  });

  it('loses no application and delivers none twice in effect', { timeout: 400_000 }, async () => {
    const submissions = sampleSubmissions(env.topicPrefix, APPLICATIONS);
    const outbound = await collectRecords(env.kafka, [env.contracts.outbound.topic]);
    const status = await collectRecords(env.kafka, [env.contracts.status.topic]);
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();

    // Kill twice while messages are flowing, each time at a different point of progress.
    for (const progress of [200, 600]) {
      const translator = startTranslator();
      await outbound.waitFor((rs) => rs.length >= progress, 120_000);
      translator.kill('SIGKILL');
      console.log(`translator crash: SIGKILL after ${outbound.records.length} outbound records, back office has ${backoffice.stats.unique}`);
      await translator.ended;
    }
    startTranslator();

    await status.waitFor(() => backoffice.stats.unique >= APPLICATIONS, 180_000);
    // Let in-flight redeliveries land before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const messageIds = new Set<string>();
    for (const record of outbound.records) messageIds.add((await env.codec.decode<XoevMessage>(record.value)).messageId);

    console.log(
      `translator crash: ${APPLICATIONS} applications, ${outbound.records.length} outbound records (${outbound.records.length - messageIds.size} re-produced after the kills), ` +
        `back office: ${backoffice.stats.unique} unique, ${backoffice.stats.duplicates} deduplicated`,
    );
    expect(messageIds.size).toBe(APPLICATIONS);
    expect(backoffice.stats.unique).toBe(APPLICATIONS);

    await status.waitFor((rs) => rs.length >= APPLICATIONS * 3, 60_000);
    const seen = new Map<string, Set<string>>();
    for (const record of status.records) {
      const event = await env.codec.decode<ApplicationStatus>(record.value);
      seen.set(event.applicationId, (seen.get(event.applicationId) ?? new Set()).add(event.status));
    }
    const incomplete = submissions.filter((s) => !['received', 'translated', 'delivered'].every((st) => seen.get(s.applicationId)?.has(st)));
    expect(incomplete.map((s) => s.applicationId)).toEqual([]);
    await outbound.stop();
    await status.stop();
  });
});
