import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type PipelineService } from '@amtsbote/core';
import type { ApplicationStatus } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  sampleSubmissions,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type RecordCollector,
  type TestBackoffice,
} from '@amtsbote/testing';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { deliveryConfigSchema } from './config.js';
import { startDeliveryService } from './service.js';

describe('the pipeline end to end: submission → translator → delivery → reference back office', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let services: PipelineService[] = [];
  let status: RecordCollector;

  beforeAll(async () => {
    env = await createIntegrationEnvironment('pipeline');
    backoffice = await startTestBackoffice();
    const common = {
      KAFKA_BROKERS: env.brokers.join(','),
      SCHEMA_REGISTRY_URL: env.registryUrl,
      TOPIC_PREFIX: env.topicPrefix,
      MASTERDATA_DIR: await masterDataPointingAt(backoffice.url),
      HEALTH_PORT: '0',
    };
    const logger = createLogger('pipeline', { level: 'warn' });
    services = [
      await startTranslatorService(
        translatorConfigSchema.parse({ ...common, XOEV_SCHEMA_DIR: env.xoevSchemaDir, GROUP_ID: `${env.topicPrefix}translator` }),
        { logger, service: { name: 'translator', version: 'test' } },
      ),
      await startDeliveryService(deliveryConfigSchema.parse({ ...common, GROUP_ID: `${env.topicPrefix}delivery` }), {
        logger,
        service: { name: 'delivery', version: 'test' },
      }),
    ];
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);
  });

  afterAll(async () => {
    await status?.stop();
    for (const service of services) await service.stop();
    await backoffice?.close();
  });

  it('delivers every application once, as schema-valid xdomea, with received, translated and delivered', async () => {
    const submissions = sampleSubmissions(env.topicPrefix, 50);
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();

    await status.waitFor((rs) => rs.length >= submissions.length * 3);
    expect(backoffice.stats).toMatchObject({ unique: 50, duplicates: 0 });

    const byApplication = new Map<string, string[]>();
    for (const record of status.records) {
      const event = await env.codec.decode<ApplicationStatus>(record.value);
      byApplication.set(event.applicationId, [...(byApplication.get(event.applicationId) ?? []), event.status]);
    }
    for (const s of submissions) expect(byApplication.get(s.applicationId), s.applicationId).toEqual(['received', 'translated', 'delivered']);

    const stored = join(backoffice.dataDir, readdirSync(backoffice.dataDir).find((f) => f.endsWith('.xml'))!);
    expect(() =>
      execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(env.xoevSchemaDir, 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd'), stored], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
