// What the pipeline is compared with, measured in the same run on the same broker: a bare
// consume→produce pass-through, the reference back office's own HTTP intake, and `amtsbote replay`.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger, createStage, type OutgoingRecord, type Producer } from '@amtsbote/core';
import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { freePort, repoRoot, submit, type IntegrationEnvironment } from '@amtsbote/testing';
import { inheritedEnv, startService, stopServices, untilAnswers } from './pipeline.js';
import { cpuSeconds } from './proc-stats.js';

/** Creates a topic of the benchmark's own (6 partitions, as applications.submitted.v1). */
export async function createBenchTopic(env: IntegrationEnvironment, name: string): Promise<string> {
  const admin = env.kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics([{ name: `${env.topicPrefix}${name}`, partitions: 6, replicationFactor: -1, config: {} }]);
  } finally {
    await admin.disconnect();
  }
  return `${env.topicPrefix}${name}`;
}

/** Fills a topic with submissions as a front office writes them. */
export async function fillTopic(env: IntegrationEnvironment, topic: string, submissions: ApplicationSubmitted[]): Promise<void> {
  const producer = env.kafka.producer();
  await producer.connect();
  try {
    await submit(producer, env.codec, { ...env.contracts.submitted, topic }, submissions);
  } finally {
    await producer.disconnect();
  }
}

/**
 * Records per second through a stage that only copies each record to another topic: the same
 * client as the services (our KafkaClient), stage runner, commit rule and concurrency, without any work. Timed from the first record handed to the stage to the last copy acknowledged.
 */
export async function passThroughRate(env: IntegrationEnvironment, source: string, records: number): Promise<number> {
  const target = await createBenchTopic(env, 'bench.passthrough-target.v1');
  const producer = env.kafka.producer();
  await producer.connect();
  let first: number | undefined;
  let acknowledged = 0;
  let done: (at: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (done = resolve));
  const counting: Producer = {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async send(batch) {
      await producer.send(batch);
      acknowledged += batch.length;
      if (acknowledged >= records) done(performance.now());
    },
  };
  const stage = createStage({
    service: { name: 'bench-passthrough', version: 'bench' },
    consumer: env.kafka.consumer({ groupId: `${env.topicPrefix}bench-passthrough` }),
    producer: counting,
    topics: [source],
    logger: createLogger('bench-passthrough', { level: 'warn' }),
    async process(record): Promise<OutgoingRecord[]> {
      first ??= performance.now();
      return [{ topic: target, key: record.key, value: record.value, headers: record.headers }];
    },
  });
  try {
    await stage.start();
    const last = await finished;
    return (records - 1) / ((last - first!) / 1000);
  } finally {
    await stage.stop();
    await producer.disconnect();
  }
}

/** What the back office took: messages per second, and its CPU seconds per wall second meanwhile. */
export interface IntakeResult {
  perSecond: number;
  cpu: number;
}

/**
 * Messages per second the reference back office takes by HTTP POST, `concurrency` at a time, each a
 * new message (fresh Idempotency-Key): its own ceiling, in a process of its own without replies.
 */
export async function backofficeIntakeRate(messages: { xml: Buffer; messageType: string }[], options: { seconds: number; concurrency: number }): Promise<IntakeResult> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'amtsbote-bench-intake-'));
  const backoffice = startService('reference-backoffice', { BACKOFFICE_PORT: String(port), BACKOFFICE_DATA_DIR: dataDir });
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const post = (message: { xml: Buffer; messageType: string }) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/xoev/messages',
          headers: {
            'content-type': 'application/xml; charset=utf-8',
            'content-length': message.xml.length,
            'idempotency-key': randomUUID(),
            'x-xoev-message-type': message.messageType,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(message.xml);
    });
  try {
    await untilAnswers(`http://127.0.0.1:${port}/stats`, backoffice.process, 'reference-backoffice');
    let taken = 0;
    let n = 0;
    const cpuBefore = cpuSeconds(backoffice.pid);
    const started = performance.now();
    const end = started + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < end) {
          const status = await post(messages[n++ % messages.length]!);
          if (status !== 201) throw new Error(`the back office answered ${status}`);
          taken++;
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    return { perSecond: taken / wall, cpu: (cpuSeconds(backoffice.pid) - cpuBefore) / wall };
  } finally {
    agent.destroy();
    await stopServices([backoffice]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What `amtsbote replay --json` reported, and the command's wall time with start-up. */
export interface ReplayResult {
  records: number;
  perSecond: number;
  wallSeconds: number;
}

/**
 * `amtsbote replay` as an operator runs it (the built CLI), copying a topic of submissions into a
 * topic nobody reads, with the core producer's guarantees (acks from all in-sync replicas, idempotent).
 */
export async function replayRate(env: IntegrationEnvironment, sourceName: string): Promise<ReplayResult> {
  const cli = join(repoRoot, 'services/cli/dist/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} missing: run npm run build first`);
  const targetName = 'bench.replay-target.v1';
  await createBenchTopic(env, targetName);
  const started = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'replay', '--topic', sourceName, '--to-topic', targetName, '--json'], {
    env: {
      ...inheritedEnv(),
      KAFKA_BROKERS: env.brokers.join(','),
      SCHEMA_REGISTRY_URL: env.registryUrl,
      TOPIC_PREFIX: env.topicPrefix,
      LOG_LEVEL: 'warn',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(stdout) as { records: number; perSecond: number };
  return { records: summary.records, perSecond: summary.perSecond, wallSeconds };
}

