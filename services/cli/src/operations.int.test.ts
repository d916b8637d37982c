import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, deadLetterHeaders, importMasterData, type PipelineService } from '@amtsbote/core';
import { sampleGewerbeanmeldung, type ApplicationStatus } from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  serviceMain,
  startTestBackoffice,
  submit,
  type IntegrationEnvironment,
  type RecordCollector,
  type TestBackoffice,
} from '@amtsbote/testing';
import { deliveryConfigSchema, startDeliveryService } from '@amtsbote/delivery';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { traceApplication } from './commands/trace.js';

const MODAUTAL = '06432013';
const modautalGewerbeRoute = /\n {2}- municipality: "06432013"\s+# Modautal\n\s+serviceKey: "99050012104000"\n\s+destination: modautal-dms/;

describe('operating the pipeline: dead letters listed, shown and redriven after a fix; an application traced', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let services: PipelineService[] = [];
  let status: RecordCollector;
  let masterData: string;
  /** The services' log lines, to see when the translator has applied an import. */
  const lines: { service?: string; msg: string; importId?: string }[] = [];
  const ids = (name: string) => `${env.topicPrefix}${name}`;
  let modautal: string[];
  let darmstadt: string;

  /** Runs the built CLI against this environment's topics. */
  const amtsbote = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [serviceMain('cli'), ...args], { env: { ...process.env, ...env.serviceEnv('cli') } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };

  const statusEvents = () => Promise.all(status.records.map((r) => env.codec.decode<ApplicationStatus>(r.value)));
  /** Waits until every application has (count times) an event with that status; returns all events. */
  const waitForStatus = async (applicationIds: string[], wanted: ApplicationStatus['status'], count = 1) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const events = await statusEvents();
      const missing = applicationIds.filter((id) => events.filter((e) => e.applicationId === id && e.status === wanted).length < count);
      if (missing.length === 0) return events;
      if (Date.now() > deadline) throw new Error(`no ${wanted} status (${count}×) within 60 s for ${missing.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('operations');
    backoffice = await startTestBackoffice();
    masterData = await masterDataPointingAt(backoffice.url);
    // Modautal's Gewerbeanmeldungen have nowhere to go until the route is imported.
    const routes = await readFile(join(masterData, 'routes.yaml'), 'utf8');
    expect(routes).toMatch(modautalGewerbeRoute);
    await writeFile(join(masterData, 'routes.yaml'), routes.replace(modautalGewerbeRoute, ''));
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    await writeFile(join(masterData, 'routes.yaml'), routes);

    const logger = createLogger('operations', { level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    services = [
      await startTranslatorService(translatorConfigSchema.parse(env.serviceEnv('translator')), {
        logger: logger.child({ service: 'translator' }),
        service: { name: 'translator', version: 'test' },
      }),
      await startDeliveryService(deliveryConfigSchema.parse(env.serviceEnv('delivery')), {
        logger: logger.child({ service: 'delivery' }),
        service: { name: 'delivery', version: 'test' },
      }),
    ];
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);

    const tenant = (ags: string, name: string) => ({ ags, ars: null, name });
    const submissions = [
      ...[1, 2, 3].map((n) => sampleGewerbeanmeldung(n, { applicationId: ids(`modautal-${n}`), eventId: randomUUID(), tenant: tenant(MODAUTAL, 'Gemeinde Modautal') })),
      sampleGewerbeanmeldung(4, { applicationId: ids('darmstadt-4'), eventId: randomUUID() }),
    ];
    modautal = submissions.slice(0, 3).map((s) => s.applicationId);
    darmstadt = submissions[3]!.applicationId;
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();
    await waitForStatus(modautal, 'rejected');
    await waitForStatus([darmstadt], 'delivered');
  });

  afterAll(async () => {
    await status?.stop();
    for (const service of services) await service.stop();
    await backoffice?.close();
  });

  it('lists the rejected submissions as AMTSBOTE_NO_ROUTE dead letters and shows one decoded, with its error headers', async () => {
    const listed = await amtsbote('dlq', 'list', '--code', 'NO_ROUTE', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const { deadLetters, counts } = JSON.parse(listed.stdout) as {
      deadLetters: { id: string; key: string; sourceTopic: string; errorCode: string; errorClass: string; service: string; redriven: unknown }[];
      counts: { topic: string; code: string; count: number }[];
    };
    expect(deadLetters.map((d) => d.key).sort()).toEqual([...modautal].sort());
    for (const d of deadLetters) {
      expect(d).toMatchObject({ sourceTopic: env.contracts.submitted.topic, errorCode: 'AMTSBOTE_NO_ROUTE', errorClass: 'permanent', service: 'translator', redriven: null });
      expect(d.id).toMatch(/^submitted\/\d+\/\d+$/);
    }
    expect(counts).toEqual([{ topic: `${env.contracts.submitted.topic}.dlq`, code: 'AMTSBOTE_NO_ROUTE', count: 3, redriven: 0 }]);

    const table = await amtsbote('dlq', 'list');
    console.log(table.stdout);
    expect(table.stdout).toContain(`${deadLetters[0]!.id}  `);
    expect(table.stdout).toMatch(/3 dead letter\(s\):\n\s+TOPIC\s+CODE\s+COUNT\s+REDRIVEN\n\s+applications\.submitted\.v1\.dlq\s+AMTSBOTE_NO_ROUTE\s+3\s+0/);

    const shown = await amtsbote('dlq', 'show', deadLetters[0]!.id, '--json');
    expect(shown.code, shown.stderr).toBe(0);
    const details = JSON.parse(shown.stdout) as { headers: Record<string, string>; value: { format: string; value: { applicationId: string; tenant: { ags: string } } } };
    expect(details.headers).toMatchObject({ [deadLetterHeaders.errorCode]: 'AMTSBOTE_NO_ROUTE', [deadLetterHeaders.sourceTopic]: env.contracts.submitted.topic, ce_subject: deadLetters[0]!.key });
    expect(details.value).toMatchObject({ format: 'avro', value: { applicationId: deadLetters[0]!.key, tenant: { ags: MODAUTAL } } });
    console.log((await amtsbote('dlq', 'show', deadLetters[0]!.id)).stdout);

    const unknown = await amtsbote('dlq', 'show', 'submitted/0/99999');
    expect({ code: unknown.code, stderr: unknown.stderr.trim() }).toEqual({ code: 4, stderr: 'amtsbote: no dead letter submitted/0/99999' });
  });

  it('redrives them once the route is imported: translated and delivered, once, marked as a replay; not redriven twice by accident', async () => {
    const { importId } = await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
    const applied = () => lines.some((l) => l.service === 'translator' && l.importId === importId && l.msg === 'master data changed');
    await expect.poll(applied, { timeout: 30_000 }).toBe(true);

    const dryRun = await amtsbote('dlq', 'redrive', '--code', 'AMTSBOTE_NO_ROUTE', '--dry-run');
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('redrive: 3 to redrive (dry run, nothing sent), 0 skipped, 0 refused');

    const redriven = await amtsbote('dlq', 'redrive', '--code', 'AMTSBOTE_NO_ROUTE', '--json');
    expect(redriven.code, redriven.stderr).toBe(0);
    expect((JSON.parse(redriven.stdout) as { redrive: { key: string }[] }).redrive.map((d) => d.key).sort()).toEqual([...modautal].sort());

    const events = await waitForStatus(modautal, 'delivered');
    for (const id of modautal) {
      const after = events.filter((e) => e.applicationId === id && e.status !== 'rejected');
      expect(after.map((e) => e.status), id).toEqual(['received', 'translated', 'delivered']);
      expect(after.filter((e) => e.status !== 'delivered').every((e) => e.replay), id).toBe(true);
      expect(after.at(-1)!.destinationId).toBe('modautal-dms');
    }
    expect(backoffice.stats).toMatchObject({ unique: 4, duplicates: 0 });

    const again = await amtsbote('dlq', 'redrive', '--code', 'AMTSBOTE_NO_ROUTE');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('redrive: 0 redriven, 3 skipped, 0 refused');
    const listed = JSON.parse((await amtsbote('dlq', 'list', '--json')).stdout) as { deadLetters: { redriven: { to: string } | null }[] };
    expect(listed.deadLetters.map((d) => d.redriven?.to)).toEqual(Array(3).fill(env.contracts.submitted.topic));

    // Deliberately once more: the derived ids make the back office answer each as a repeat.
    const forced = await amtsbote('dlq', 'redrive', '--code', 'AMTSBOTE_NO_ROUTE', '--again');
    expect(forced.code, forced.stderr).toBe(0);
    await waitForStatus(modautal, 'delivered', 2);
    expect(backoffice.stats).toMatchObject({ unique: 4, duplicates: 3 });
  });

  it('traces an application across the topics, as a table and as JSON, and says when it knows none', async () => {
    const trace = await traceApplication(env.kafka, env.codec, env.topicPrefix, darmstadt);
    expect(trace.entries.map((e) => e.status ?? e.kind)).toEqual(['submission', 'received', 'translated', 'message', 'lane', 'delivered']);
    expect(trace.entries.map((e) => e.what)).toEqual([
      'submitted (Gewerbe anmelden, 99050012104000) for municipality 06411000',
      'status received by amtsbote/translator',
      expect.stringMatching(/^status translated by amtsbote\/translator — darmstadt-gewerbe-dms — xdomea 3\.1\.0 Geschaeftsgang\.Geschaeftsgang\.0201$/),
      expect.stringMatching(/^translated → xdomea 3\.1\.0 Geschaeftsgang\.Geschaeftsgang\.0201 for darmstadt-gewerbe-dms, message [0-9a-f-]{36}$/),
      'queued on lane darmstadt-gewerbe-dms',
      expect.stringMatching(/^status delivered by amtsbote\/delivery — darmstadt-gewerbe-dms/),
    ]);
    expect(trace.messageIds).toHaveLength(1);

    const asJson = await amtsbote('trace', darmstadt, '--json');
    expect(asJson.code, asJson.stderr).toBe(0);
    expect((JSON.parse(asJson.stdout) as { entries: { kind: string }[] }).entries).toHaveLength(6);

    const redriven = await amtsbote('trace', modautal[0]!);
    expect(redriven.code, redriven.stderr).toBe(0);
    console.log(redriven.stdout);
    expect(redriven.stdout).toMatch(/dead letter AMTSBOTE_NO_ROUTE \(permanent\) from applications\.submitted\.v1: submitted\/\d+\/\d+/);
    expect(redriven.stdout).toMatch(/submitted \(Gewerbe anmelden, 99050012104000\) for municipality 06432013 \(redriven from .*applications\.submitted\.v1\.dlq\/\d+\/\d+\)/);
    expect(redriven.stdout).toMatch(/status delivered by amtsbote\/delivery — modautal-dms — the back office already had this message/);

    const unknown = await amtsbote('trace', ids('never-submitted'));
    expect({ code: unknown.code, stderr: unknown.stderr.trim() }).toEqual({ code: 4, stderr: `amtsbote: no record of application ${ids('never-submitted')}` });
  });
});
