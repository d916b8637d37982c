import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSubmissionRecord, deadLetterHeaders, importMasterData, type ConsumedRecord, type PipelineService } from '@amtsbote/core';
import { deadLetterTopicOf, sampleGewerbeanmeldung, type ApplicationStatus, type XoevMessage } from '@amtsbote/schemas';
import { deriveMessageId } from '@amtsbote/xoev';
import { collectRecords, createIntegrationEnvironment, repoRoot, type IntegrationEnvironment, type RecordCollector } from '@amtsbote/testing';
import { translatorConfigSchema } from './config.js';
import { startTranslatorService } from './service.js';

const XDOMEA_XSD = 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd';

describe('translator against the real broker and registry', () => {
  let env: IntegrationEnvironment;
  let translator: PipelineService;
  let collector: RecordCollector;
  const statuses = async (applicationId: string) => {
    const out: ApplicationStatus[] = [];
    for (const r of collector.records.filter((r) => r.topic === env.contracts.status.topic && r.key?.toString() === applicationId)) {
      out.push(await env.codec.decode<ApplicationStatus>(r.value));
    }
    return out;
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('translator');
    await importMasterData(env.kafka, join(repoRoot, 'infra/masterdata'), { prefix: env.topicPrefix });
    const config = translatorConfigSchema.parse(env.serviceEnv('translator'));
    translator = await startTranslatorService(config, {
      logger: createLogger('translator', { level: 'warn' }),
      service: { name: 'translator', version: 'test' },
    });
    collector = await collectRecords(env.kafka, [
      env.contracts.outbound.topic,
      env.contracts.status.topic,
      deadLetterTopicOf(env.contracts.submitted.topic),
    ]);
  });

  afterAll(async () => {
    await collector?.stop();
    await translator?.stop();
  });

  it('translates a Gewerbeanmeldung into a schema-valid xdomea 0201 with received and translated status', async () => {
    const submission = sampleGewerbeanmeldung(1, { applicationId: `${env.topicPrefix}valid` });
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send([await createSubmissionRecord(env.codec, env.contracts.submitted, submission)]);
    await producer.disconnect();

    const isOutbound = (r: ConsumedRecord) => r.topic === env.contracts.outbound.topic && r.key?.toString() === submission.applicationId;
    const record = (await collector.waitFor((rs) => rs.some(isOutbound))).find(isOutbound)!;
    const message = await env.codec.decode<XoevMessage>(record.value);
    expect(message.messageId).toBe(deriveMessageId(submission.eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201'));
    expect(message).toMatchObject({ destinationId: 'darmstadt-gewerbe-dms', standard: 'xdomea', standardVersion: '3.1.0' });
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: env.contracts.outbound.ceType,
      ce_subject: submission.applicationId,
      correlationid: submission.applicationId,
      causationid: submission.eventId,
    });
    expect(record.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // Validated by the xmllint binary (libxml2) as an operator would, not only in-process.
    const file = join(await mkdtemp(join(tmpdir(), 'xdomea-')), 'message.xml');
    await writeFile(file, message.payload);
    expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(env.xoevSchemaDir, XDOMEA_XSD), file], { stdio: 'pipe' })).not.toThrow();

    await collector.waitFor((rs) => rs.filter((r) => r.topic === env.contracts.status.topic && r.key?.toString() === submission.applicationId).length >= 2);
    expect((await statuses(submission.applicationId)).map((s) => s.status)).toEqual(['received', 'translated']);
  });

  it('dead-letters bad input with its original bytes and error headers, reports rejected, and keeps the partition moving', async () => {
    const good = sampleGewerbeanmeldung(2, { applicationId: `${env.topicPrefix}after-bad` });
    const noRoute = sampleGewerbeanmeldung(3, {
      applicationId: `${env.topicPrefix}no-route`,
      tenant: { ags: '06432020', ars: null, name: 'Roßdorf' },
      serviceKey: '99999999999999',
    });
    const notWireFormat = Buffer.from('{"applicationId":"not avro"}');
    const unknownSchema = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]);
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send([
      // Same key as the good one: same partition, so the good one only passes if the bad one did not block it.
      { topic: env.contracts.submitted.topic, key: good.applicationId, value: notWireFormat, headers: { ce_id: 'bad-1' } },
      await createSubmissionRecord(env.codec, env.contracts.submitted, good),
      { topic: env.contracts.submitted.topic, key: `${env.topicPrefix}unknown-schema`, value: unknownSchema, headers: {} },
      await createSubmissionRecord(env.codec, env.contracts.submitted, noRoute),
    ]);
    await producer.disconnect();

    const dlqTopic = deadLetterTopicOf(env.contracts.submitted.topic);
    const dlq = (rs: ConsumedRecord[]) => rs.filter((r) => r.topic === dlqTopic);
    await collector.waitFor((rs) => dlq(rs).length >= 3);
    // Dead letters come from several partitions, so find each by its error code, not its position.
    const deadLetter = (code: string) => dlq(collector.records).find((r) => r.headers[deadLetterHeaders.errorCode] === code);
    const notWire = deadLetter('AMTSBOTE_NOT_WIRE_FORMAT');
    expect(notWire?.value).toEqual(notWireFormat);
    expect(notWire?.key?.toString()).toBe(good.applicationId);
    expect(notWire?.headers).toMatchObject({
      [deadLetterHeaders.sourceTopic]: env.contracts.submitted.topic,
      [deadLetterHeaders.errorClass]: 'permanent',
      [deadLetterHeaders.service]: 'translator',
      ce_id: 'bad-1',
    });
    expect(notWire?.headers[deadLetterHeaders.sourceOffset]).toMatch(/^\d+$/);
    expect(deadLetter('AMTSBOTE_UNKNOWN_SCHEMA')?.value).toEqual(unknownSchema);
    expect(deadLetter('AMTSBOTE_NO_ROUTE')?.key?.toString()).toBe(noRoute.applicationId);

    await collector.waitFor(() => collector.records.filter((r) => r.topic === env.contracts.status.topic && r.key?.toString() === good.applicationId).length >= 3);
    const goodStatuses = await statuses(good.applicationId);
    expect(goodStatuses.map((s) => s.status)).toEqual(['rejected', 'received', 'translated']);
    expect(goodStatuses[0]!.problems[0]!.type).toBe('urn:amtsbote:problem:not-wire-format');

    await collector.waitFor(() => collector.records.some((r) => r.topic === env.contracts.status.topic && r.key?.toString() === noRoute.applicationId));
    const [rejected] = await statuses(noRoute.applicationId);
    expect(rejected).toMatchObject({ status: 'rejected', detail: 'no responsible authority for this service in this municipality' });
    expect(rejected!.problems[0]!.type).toBe('urn:amtsbote:problem:no-route');
  });
});
