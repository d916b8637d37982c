import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, importMasterData, type PipelineService } from '@amtsbote/core';
import { sampleBauantrag, sampleGewerbeanmeldung, type ApplicationStatus } from '@amtsbote/schemas';
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

/** The sum of a metric's samples in Prometheus text whose labels include all of `labels`. */
function sampleSum(metrics: string, name: string, labels: Record<string, string> = {}): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** The authority id of a destination in a destinations.yaml text. */
function authorityOf(destinationsYaml: string, id: string): string {
  const match = new RegExp(`- id: ${id}\\n\\s+authority: (\\S+)`).exec(destinationsYaml);
  if (!match?.[1]) throw new Error(`destination ${id} not found in the seed`);
  return match[1];
}

describe('the pipeline end to end: submission → translator → delivery → reference back office', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let services: PipelineService[] = [];
  let status: RecordCollector;
  let dropFolder: string;

  beforeAll(async () => {
    env = await createIntegrationEnvironment('pipeline');
    backoffice = await startTestBackoffice();
    // Fischbachtal's document management imports from a folder (a share): the folder connector.
    const masterData = await masterDataPointingAt(backoffice.url);
    dropFolder = await mkdtemp(join(tmpdir(), 'fischbachtal-ablage-'));
    const destinations = await readFile(join(masterData, 'destinations.yaml'), 'utf8');
    await writeFile(
      join(masterData, 'destinations.yaml'),
      `${destinations.trimEnd()}\n  - id: fischbachtal-ablage\n    authority: ${authorityOf(destinations, 'fischbachtal-dms')}\n    standard: { name: xdomea, version: "3.1.0" }\n    connector: { type: folder, path: "${dropFolder}" }\n`,
    );
    const routes = await readFile(join(masterData, 'routes.yaml'), 'utf8');
    await writeFile(join(masterData, 'routes.yaml'), routes.replaceAll('destination: fischbachtal-dms', 'destination: fischbachtal-ablage'));
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    const logger = createLogger('pipeline', { level: 'warn' });
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

  it('routes by municipality and service: XBau for Darmstadt, xdomea 3.1.0 and 3.0.0 by HTTP or into a folder for small municipalities', async () => {
    const { randomUUID } = await import('node:crypto');
    const tenant = (ags: string, name: string) => ({ ags, ars: null, name });
    const id = (name: string) => `${env.topicPrefix}${name}`;
    const cases = [
      { submission: sampleBauantrag(1, { applicationId: id('bau-darmstadt'), eventId: randomUUID(), tenant: tenant('06411000', 'Wissenschaftsstadt Darmstadt') }), destination: 'darmstadt-bauaufsicht-xbau', root: 'baugenehmigung.antrag.0200', xsd: 'xbau-2.6/xsd_dev/xbau-nachrichten-baugenehmigung.xsd' },
      { submission: sampleBauantrag(2, { applicationId: id('bau-rossdorf'), eventId: randomUUID(), tenant: tenant('06432020', 'Gemeinde Roßdorf') }), destination: 'rossdorf-dms', root: 'Geschaeftsgang.Geschaeftsgang.0201', xsd: 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd' },
      { submission: sampleGewerbeanmeldung(3, { applicationId: id('gew-gross-bieberau'), eventId: randomUUID(), tenant: tenant('06432009', 'Stadt Groß-Bieberau') }), destination: 'gross-bieberau-dms', root: 'Geschaeftsgang.Geschaeftsgang.0201', xsd: 'xdomea-3.0.0/schemes/xdomea_3.0.0/xdomea.xsd' },
      { submission: sampleGewerbeanmeldung(5, { applicationId: id('gew-fischbachtal'), eventId: randomUUID(), tenant: tenant('06432007', 'Gemeinde Fischbachtal') }), destination: 'fischbachtal-ablage', root: 'Geschaeftsgang.Geschaeftsgang.0201', xsd: 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd' },
      { submission: sampleGewerbeanmeldung(4, { applicationId: id('gew-modautal'), eventId: randomUUID(), tenant: tenant('06432013', 'Gemeinde Modautal') }), destination: 'modautal-dms', root: 'Geschaeftsgang.Geschaeftsgang.0201', xsd: 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd' },
    ];
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, cases.map((c) => c.submission));
    await producer.disconnect();

    const delivered = async () => {
      const events = await Promise.all(status.records.map((r) => env.codec.decode<ApplicationStatus>(r.value)));
      return events.filter((e) => e.status === 'delivered');
    };
    const ids = new Set(cases.map((c) => c.submission.applicationId));
    const deadline = Date.now() + 60_000;
    while ((await delivered()).filter((e) => ids.has(e.applicationId)).length < cases.length) {
      if (Date.now() > deadline) throw new Error(`not all delivered: ${JSON.stringify(await delivered())}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const byApplication = new Map((await delivered()).map((e) => [e.applicationId, e]));
    for (const c of cases) {
      const event = byApplication.get(c.submission.applicationId)!;
      expect(event.destinationId, c.submission.applicationId).toBe(c.destination);
      const stored = join(c.destination === 'fischbachtal-ablage' ? dropFolder : backoffice.dataDir, `${event.messageId}.xml`);
      expect(readFileSync(stored, 'utf8')).toContain(c.root);
      expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(env.xoevSchemaDir, c.xsd), stored], { stdio: 'pipe' })).not.toThrow();
    }
  });

  it('serves Prometheus metrics on each service’s health port: records by outcome, delivery times and lag, but no application or message id', async () => {
    const [translator, delivery] = await Promise.all(
      services.map(async (service) => (await fetch(`http://127.0.0.1:${service.healthPort}/metrics`)).text()),
    );
    const translatorGroup = `${env.topicPrefix}translator`;
    expect(sampleSum(translator!, 'amtsbote_records_total', { stage: translatorGroup, outcome: 'processed' })).toBeGreaterThan(0);
    expect(sampleSum(translator!, 'amtsbote_processing_seconds_count', { stage: translatorGroup })).toBeGreaterThan(0);
    expect(translator).toContain(`amtsbote_consumer_lag{group="${translatorGroup}",topic="${env.contracts.submitted.topic}",partition="`);
    expect(translator).toMatch(/^process_cpu_seconds_total\{service="translator"\} /m);

    expect(sampleSum(delivery!, 'amtsbote_records_total', { stage: `${env.topicPrefix}delivery`, outcome: 'processed' })).toBeGreaterThan(0);
    expect(sampleSum(delivery!, 'amtsbote_records_total', { stage: `${env.topicPrefix}delivery.lane.fischbachtal-ablage`, outcome: 'processed' })).toBeGreaterThan(0);
    expect(sampleSum(delivery!, 'amtsbote_delivery_seconds_count', { destination: 'darmstadt-bauaufsicht-xbau', outcome: 'delivered' })).toBeGreaterThan(0);
    expect(sampleSum(delivery!, 'amtsbote_end_to_end_seconds_count', { stage: `${env.topicPrefix}delivery` })).toBeGreaterThan(0);
    expect(delivery).toContain(`amtsbote_consumer_lag{group="${env.topicPrefix}delivery.lane.modautal-dms",topic="${env.topicPrefix}delivery.lane.modautal-dms.v1"`);

    const events = await Promise.all(status.records.map((r) => env.codec.decode<ApplicationStatus>(r.value)));
    const ids = new Set(events.flatMap((e) => [e.applicationId, ...(e.messageId ? [e.messageId] : [])]));
    expect(ids.size).toBeGreaterThan(50);
    for (const id of ids) {
      expect(translator, id).not.toContain(id);
      expect(delivery, id).not.toContain(id);
    }
  });
});
