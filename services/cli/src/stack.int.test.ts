import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createIntegrationEnvironment, masterDataPointingAt, serviceMain, type IntegrationEnvironment } from '@amtsbote/testing';
import type { Trace } from './commands/trace.js';

const SERVICES = ['receipts', 'reference-backoffice', 'translator', 'delivery'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `amtsbote stack up|status|down` as an operator runs it, beside the Kafka and registry the other
 * tests share: with KAFKA_BROKERS and SCHEMA_REGISTRY_URL set the stack uses them and leaves them
 * running, and its own ports, run folder and topic prefix keep it apart from a developer's stack.
 */
describe('amtsbote stack', () => {
  let env: IntegrationEnvironment;
  let stackEnv: NodeJS.ProcessEnv;
  let runDir: string;

  const amtsbote = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [serviceMain('cli'), ...args], { env: stackEnv, timeout: 180_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };
  const pids = async () => Promise.all(SERVICES.map(async (name) => Number(await readFile(join(runDir, `${name}.pid`), 'utf8'))));

  beforeAll(async () => {
    env = await createIntegrationEnvironment('stack');
    runDir = await mkdtemp(join(tmpdir(), 'amtsbote-stack-'));
    const backofficePort = await freePort();
    stackEnv = {
      ...process.env,
      KAFKA_BROKERS: env.brokers.join(','),
      SCHEMA_REGISTRY_URL: env.registryUrl,
      TOPIC_PREFIX: env.topicPrefix,
      XOEV_SCHEMA_DIR: inject('xoevSchemaDir'),
      AMTSBOTE_RUN_DIR: runDir,
      MASTERDATA_DIR: await masterDataPointingAt(`http://127.0.0.1:${backofficePort}/xoev/messages`),
      BACKOFFICE_PORT: String(backofficePort),
      RECEIPTS_PORT: String(await freePort()),
      TRANSLATOR_HEALTH_PORT: String(await freePort()),
      DELIVERY_HEALTH_PORT: String(await freePort()),
      RECEIPTS_HEALTH_PORT: String(await freePort()),
      BACKOFFICE_REPLY_STEP_MS: '100',
    };
  });

  afterAll(async () => {
    // Whatever a failed assertion left running.
    await amtsbote('stack', 'down');
  });

  it('starts the services, carries an application to the back office and back, reports status, stops them and leaves the shared Kafka alone', { timeout: 400_000 }, async () => {
    const before = await amtsbote('stack', 'status');
    expect(before.code).toBe(3);
    expect(before.stdout).toContain('translator stopped');

    const up = await amtsbote('stack', 'up');
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('not managed by the stack');
    expect(up.stdout).toContain('stack: up.');
    const running = await pids();
    expect(running.every(alive)).toBe(true);

    // Idempotent: a second `up` starts nothing new.
    const again = await amtsbote('stack', 'up');
    expect(again.code, again.stderr).toBe(0);
    for (const name of SERVICES) expect(again.stdout).toContain(`${name} already running`);
    expect(await pids()).toEqual(running);

    const status = await amtsbote('stack', 'status');
    expect(status.code).toBe(0);
    for (const name of SERVICES) expect(status.stdout).toContain(`${name} running`);

    // The whole way: submitted, translated, delivered, and the back office's receipt back as `acknowledged`.
    const sent = await amtsbote('simulate', '--count', '1', '--fresh', '--json');
    expect(sent.code, sent.stderr).toBe(0);
    const [applicationId] = JSON.parse(sent.stdout) as string[];
    const deadline = Date.now() + 120_000;
    let statuses: string[] = [];
    while (!statuses.includes('acknowledged')) {
      if (Date.now() > deadline) throw new Error(`${applicationId} not acknowledged within 120 s; statuses: ${statuses.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const traced = await amtsbote('trace', applicationId!, '--json');
      if (traced.code === 0) statuses = (JSON.parse(traced.stdout) as Trace).entries.flatMap((e) => (e.status ? [e.status] : []));
    }
    expect(statuses).toEqual(expect.arrayContaining(['received', 'translated', 'delivered', 'acknowledged']));

    const down = await amtsbote('stack', 'down');
    expect(down.code, down.stderr).toBe(0);
    for (const name of SERVICES) expect(down.stdout).toContain(`${name} stopped`);
    expect(running.some(alive)).toBe(false);

    const after = await amtsbote('stack', 'status');
    expect(after.code).toBe(3);
    // The shared broker still answers: the stack did not stop what it had not started.
    expect(await env.kafka.admin().listTopics()).toContain(`${env.topicPrefix}applications.status.v1`);
  });
});
