import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { importMasterData, type PipelineService } from '@amtsbote/core';
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

describe('master data changed while the pipeline runs', () => {
  let env: IntegrationEnvironment;
  let oldOffice: TestBackoffice;
  let newOffice: TestBackoffice;
  let services: PipelineService[] = [];
  let status: RecordCollector;
  /** The services' log lines, to see when each has applied an import. */
  const lines: { service: string; msg: string; importId?: string }[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );

  /** Where the application was delivered, once its `delivered` status event is there. */
  const deliveredTo = async (applicationId: string): Promise<string | null> => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      for (const record of status.records.filter((r) => r.key?.toString() === applicationId)) {
        const event = await env.codec.decode<ApplicationStatus>(record.value);
        if (event.status === 'delivered') return event.destinationId;
        if (event.status === 'rejected' || event.status === 'delivery_failed') throw new Error(`${applicationId}: ${event.status} ${event.detail ?? ''}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${applicationId} not delivered within 60 s`);
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('masterdata-live');
    [oldOffice, newOffice] = await Promise.all([startTestBackoffice(), startTestBackoffice()]);
    await importMasterData(env.kafka, await masterDataPointingAt(oldOffice.url), { prefix: env.topicPrefix });
    services = [
      await startTranslatorService(
        translatorConfigSchema.parse(env.serviceEnv('translator')),
        { logger: logger.child({ service: 'translator' }), service: { name: 'translator', version: 'test' } },
      ),
      await startDeliveryService(deliveryConfigSchema.parse(env.serviceEnv('delivery')), {
        logger: logger.child({ service: 'delivery' }),
        service: { name: 'delivery', version: 'test' },
      }),
    ];
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);
  });

  afterAll(async () => {
    await status?.stop();
    for (const service of services) await service.stop();
    await Promise.all([oldOffice?.close(), newOffice?.close()]);
  });

  it('sends the next application to the new destination once a changed route is imported, without a restart', async () => {
    const [first, second] = sampleSubmissions(env.topicPrefix, 2);
    const producer = env.kafka.producer();
    await producer.connect();
    try {
      await submit(producer, env.codec, env.contracts.submitted, [first!]);
      expect(await deliveredTo(first!.applicationId)).toBe('darmstadt-gewerbe-dms');
      expect(oldOffice.stats.unique).toBe(1);

      // Darmstadt's Gewerbeanmeldungen now go to a new DMS, which is another back office.
      const dir = await masterDataPointingAt(oldOffice.url);
      const destinations = await readFile(join(dir, 'destinations.yaml'), 'utf8');
      await writeFile(
        join(dir, 'destinations.yaml'),
        `${destinations}\n  - id: darmstadt-dms-neu\n    authority: darmstadt-gewerbeamt\n    standard: { name: xdomea, version: "3.1.0" }\n    connector: { type: http, url: ${newOffice.url}, timeoutMs: 10000 }\n`,
      );
      const routes = await readFile(join(dir, 'routes.yaml'), 'utf8');
      await writeFile(join(dir, 'routes.yaml'), routes.replace('destination: darmstadt-gewerbe-dms', 'destination: darmstadt-dms-neu'));
      const { importId } = await importMasterData(env.kafka, dir, { prefix: env.topicPrefix });
      const applied = (service: string) => lines.some((l) => l.service === service && l.importId === importId && l.msg === 'master data changed');
      await expect.poll(() => applied('translator') && applied('delivery'), { timeout: 30_000 }).toBe(true);

      await submit(producer, env.codec, env.contracts.submitted, [second!]);
      expect(await deliveredTo(second!.applicationId)).toBe('darmstadt-dms-neu');
      expect({ old: oldOffice.stats.unique, new: newOffice.stats.unique }).toEqual({ old: 1, new: 1 });
    } finally {
      await producer.disconnect();
    }
  });
});
