import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, importMasterData, REPLAY_HEADER, type ConsumedRecord, type PipelineService } from '@amtsbote/core';
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
import { deliveryConfigSchema, startDeliveryService } from '@amtsbote/delivery';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { readRanges } from './read-ranges.js';
import { REPLAY_OF_HEADER, replayIntoTopic, rewindGroup, type TopicReplaySummary } from './replay.js';

/** A day of traffic: every application submitted since midnight. */
const DAY = 1_000;
/** Records for the throughput run, replayed into a topic nobody reads. */
const THROUGHPUT = 30_000;

const log = (summary: TopicReplaySummary, what: string) =>
  console.log(`replay of ${what}: ${summary.records} records in ${summary.seconds.toFixed(2)} s = ${Math.round(summary.perSecond)} records/s`);

describe('amtsbote replay against the running pipeline: translator, delivery, reference back office', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let services: PipelineService[] = [];
  let status: RecordCollector;
  const events: ApplicationStatus[] = [];
  const midnight = new Date(new Date().setHours(0, 0, 0, 0));
  const applicationIds: string[] = [];

  /** The status events so far, decoded once each. */
  async function statusEvents(): Promise<ApplicationStatus[]> {
    while (events.length < status.records.length) events.push(await env.codec.decode<ApplicationStatus>(status.records[events.length]!.value));
    return events;
  }
  const delivered = (replay: boolean) => async () => (await statusEvents()).filter((e) => e.status === 'delivered' && e.replay === replay).length;
  async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  async function endOffsets(topic: string): Promise<number> {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      return [...(await admin.endOffsets(topic)).values()].reduce((sum, end) => sum + Number(end), 0);
    } finally {
      await admin.disconnect();
    }
  }
  async function createTopic(name: string): Promise<string> {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics([{ name: `${env.topicPrefix}${name}`, partitions: 6, replicationFactor: -1, config: {} }]);
    } finally {
      await admin.disconnect();
    }
    return `${env.topicPrefix}${name}`;
  }
  async function readAll(topic: string): Promise<ConsumedRecord[]> {
    const admin = env.kafka.admin();
    await admin.connect();
    const ends = await admin.endOffsets(topic).finally(() => admin.disconnect());
    const records: ConsumedRecord[] = [];
    const ranges = [...ends].map(([partition, end]) => ({ partition, start: 0n, end: BigInt(end) }));
    await readRanges(env.kafka, topic, ranges, { purpose: 'test', onBatch: async (batch) => void records.push(...batch.records) });
    return records;
  }

  beforeAll(async () => {
    env = await createIntegrationEnvironment('replay');
    backoffice = await startTestBackoffice();
    await importMasterData(env.kafka, await masterDataPointingAt(backoffice.url), { prefix: env.topicPrefix });
    const logger = createLogger('replay', { level: 'warn' });
    services = [
      await startTranslatorService(translatorConfigSchema.parse(env.serviceEnv('translator')), { logger, service: { name: 'translator', version: 'test' } }),
      await startDeliveryService(deliveryConfigSchema.parse(env.serviceEnv('delivery')), { logger, service: { name: 'delivery', version: 'test' } }),
    ];
    status = await collectRecords(env.kafka, [env.contracts.status.topic]);

    const submissions = sampleSubmissions(env.topicPrefix, DAY);
    applicationIds.push(...submissions.map((s) => s.applicationId));
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, env.contracts.submitted, submissions);
    await producer.disconnect();
    await waitUntil('the day delivered', async () => (await delivered(false)()) >= DAY);
  }, 300_000);

  afterAll(async () => {
    await status?.stop();
    for (const service of services) await service.stop();
    await backoffice?.close();
  });

  it('delivered the day once each, before any replay', () => {
    expect(backoffice.stats).toMatchObject({ unique: DAY, duplicates: 0 });
  });

  it('--dry-run counts the day per partition, with first and last offsets and times, and writes nothing', async () => {
    const topic = env.contracts.submitted.topic;
    const before = await endOffsets(topic);
    const summary = await replayIntoTopic(env.kafka, { topic, from: midnight, to: new Date() }, { into: topic, dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, records: DAY, scanned: DAY });
    expect(summary.partitions).toHaveLength(6);
    for (const p of summary.partitions.filter((p) => p.records > 0)) {
      expect(BigInt(p.lastOffset!) - BigInt(p.firstOffset!) + 1n, `partition ${p.partition}`).toBe(BigInt(p.records));
      expect(p.firstTime!.getTime()).toBeGreaterThanOrEqual(midnight.getTime());
      expect(p.lastTime!.getTime()).toBeGreaterThanOrEqual(p.firstTime!.getTime());
    }
    expect(await endOffsets(topic)).toBe(before);
  });

  it('--application copies only that application\'s records, marked as a replay of their originals', async () => {
    const target = await createTopic('replay.application.v1');
    const applicationId = applicationIds[123]!;
    const summary = await replayIntoTopic(env.kafka, { topic: env.contracts.submitted.topic }, { into: target, applicationId, dryRun: false });
    expect(summary).toMatchObject({ records: 1, scanned: DAY, applicationId });
    const [copy, ...more] = await readAll(target);
    expect(more).toHaveLength(0);
    expect(copy!.key?.toString()).toBe(applicationId);
    expect(copy!.headers).toMatchObject({ [REPLAY_HEADER]: 'true', ce_subject: applicationId });
    const original = summary.partitions.find((p) => p.records === 1)!;
    expect(copy!.headers[REPLAY_OF_HEADER]).toBe(`${env.contracts.submitted.topic}/${original.partition}/${original.firstOffset}`);
  });

  it('replaying the day of submissions into their topic translates them again and delivers nothing new', async () => {
    const before = { ...backoffice.stats };
    const topic = env.contracts.submitted.topic;
    const summary = await replayIntoTopic(env.kafka, { topic, from: midnight, to: new Date() }, { into: topic, dryRun: false });
    log(summary, 'applications.submitted.v1 into itself');
    expect(summary.records).toBe(DAY);
    await waitUntil('the replay delivered', async () => (await delivered(true)()) >= DAY);

    expect(backoffice.stats.unique).toBe(before.unique);
    expect(backoffice.stats.duplicates).toBe(before.duplicates + DAY);
    const replayed = (await statusEvents()).filter((e) => e.replay);
    for (const id of applicationIds) {
      expect(replayed.filter((e) => e.applicationId === id).map((e) => e.status).sort(), id).toEqual(['delivered', 'received', 'translated']);
    }
    expect(replayed.filter((e) => e.status === 'delivered').every((e) => e.detail === 'the back office already had this message')).toBe(true);
  });

  it('replaying the day of XÖV messages into their topic delivers each again, and nothing new', async () => {
    const before = { ...backoffice.stats };
    const replayedBefore = await delivered(true)();
    const topic = env.contracts.outbound.topic;
    const summary = await replayIntoTopic(env.kafka, { topic, from: midnight, to: new Date() }, { into: topic, dryRun: false });
    log(summary, 'xoev.outbound.v1 into itself');
    // The originals and the messages the replay of the submissions translated again.
    expect(summary.records).toBe(2 * DAY);
    await waitUntil('the replay delivered', async () => (await delivered(true)()) >= replayedBefore + summary.records);

    expect(backoffice.stats.unique).toBe(before.unique);
    expect(backoffice.stats.duplicates).toBe(before.duplicates + summary.records);
    expect(await delivered(false)()).toBe(DAY);
  });

  it('--group rewinds only a consumer group without members, and never past what it has processed', async () => {
    const topic = env.contracts.submitted.topic;
    await expect(rewindGroup(env.kafka, { topic, from: midnight }, { group: `${env.topicPrefix}translator`, dryRun: true })).rejects.toThrow(
      /has 1 member\(s\).*stop the service/,
    );

    const group = `${env.topicPrefix}translator-second-opinion`;
    const dry = await rewindGroup(env.kafka, { topic, from: midnight }, { group, dryRun: true });
    expect(dry.again).toBe(await endOffsets(topic));
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      expect((await admin.groupOffsets(group, topic)).size).toBe(0);
      const rewound = await rewindGroup(env.kafka, { topic, from: midnight }, { group, dryRun: false });
      expect(rewound.partitions.every((p) => p.committed === null)).toBe(true);
      expect(await admin.groupOffsets(group, topic)).toEqual(new Map(rewound.partitions.map((p) => [p.partition, p.rewindTo])));

      const ends = await admin.endOffsets(topic);
      await expect(rewindGroup(env.kafka, { topic, offsets: new Map([[0, { from: BigInt(ends.get(0)!) }]]) }, { group, dryRun: false })).rejects.toThrow(
        /has not yet processed up to the selection's start \(partition 0: at 0, start \d+\); a rewind never skips records/,
      );
    } finally {
      await admin.disconnect();
    }
  });

  it(`copies ${THROUGHPUT} records with the delivery guarantees on (acks from all in-sync replicas, idempotent producer)`, async () => {
    const source = await createTopic('replay.throughput-source.v1');
    const target = await createTopic('replay.throughput-target.v1');
    const producer = env.kafka.producer();
    await producer.connect();
    await submit(producer, env.codec, { ...env.contracts.submitted, topic: source }, sampleSubmissions(`${env.topicPrefix}bulk-`, THROUGHPUT));
    await producer.disconnect();

    const cpu = process.cpuUsage();
    const summary = await replayIntoTopic(env.kafka, { topic: source }, { into: target, dryRun: false });
    log(summary, `${THROUGHPUT} submissions into a topic of their own`);
    // The machines are shared: what the replay costs this process says more than the wall clock.
    const { user, system } = process.cpuUsage(cpu);
    console.log(`  ${Math.round(THROUGHPUT / ((user + system) / 1e6))} records per CPU-second of the replaying process (${((user + system) / 1e6).toFixed(2)} s CPU)`);
    expect(summary.records).toBe(THROUGHPUT);
    expect(await endOffsets(target)).toBe(THROUGHPUT);
  }, 300_000);
});
