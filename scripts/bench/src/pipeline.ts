// The pipeline as production runs it: translator, delivery, receipts and the reference back office,
// each a Node process of its own, on the benchmark's topics, routed by the seed master data with
// every HTTP destination pointed at this back office.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importMasterData } from '@amtsbote/core';
import { freePort, masterDataPointingAt, serviceMain, startServiceProcess, type IntegrationEnvironment, type ServiceProcess } from '@amtsbote/testing';

export type ServiceName = 'translator' | 'delivery' | 'receipts' | 'reference-backoffice';

/** A running service process and where to ask it how it is. */
export interface RunningService {
  name: ServiceName;
  pid: number;
  process: ServiceProcess;
  /** /metrics of the pipeline services; the back office has none. */
  metricsUrl?: string;
}

export interface Pipeline {
  services: RunningService[];
  /** SIGTERM to each, as an orchestrator stops them; waits until they are gone. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `url` answers 200, or the process ends, or 60 s pass. */
export async function untilAnswers(url: string, service: ServiceProcess, name: string): Promise<void> {
  let ended = false;
  void service.ended.then(() => (ended = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(url).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return;
    if (ended) throw new Error(`${name} exited before it was ready:\n${service.output().slice(-2_000)}`);
    if (Date.now() > deadline) throw new Error(`${name} not ready at ${url} after 60 s`);
    await sleep(200);
  }
}

/** What every process of the benchmark gets from its own environment: the producer library, if chosen (docs/decisions/0007). */
export function inheritedEnv(): Record<string, string> {
  const library = process.env['KAFKA_PRODUCER_LIBRARY'];
  return { PATH: process.env['PATH'] ?? '', ...(library ? { KAFKA_PRODUCER_LIBRARY: library } : {}) };
}

/** Starts a service's built main.js with the environment's settings, quiet unless something is wrong. */
export function startService(name: ServiceName, env: Record<string, string>, execArgv: string[] = []): RunningService {
  const child = startServiceProcess(serviceMain(name), { LOG_LEVEL: 'warn', ...inheritedEnv(), ...env }, name, execArgv);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { name, pid: child.pid, process: child };
}

/** Stops services with SIGTERM, all at once (each takes a few seconds to leave its consumer groups). */
export async function stopServices(services: RunningService[]): Promise<void> {
  for (const s of services) s.process.kill('SIGTERM');
  await Promise.all(services.map((s) => s.process.ended));
}

/** Options that change how the translator runs, e.g. `PARTITIONS_CONCURRENTLY`, or `--cpu-prof` to profile it. */
export interface PipelineOptions {
  translatorEnv?: Record<string, string>;
  translatorExecArgv?: string[];
}

export async function startPipeline(env: IntegrationEnvironment, options: PipelineOptions = {}): Promise<Pipeline> {
  const [backofficePort, receiptsPort, ...healthPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const health = { translator: healthPorts[0]!, delivery: healthPorts[1]!, receipts: healthPorts[2]! };
  const backofficeUrl = `http://127.0.0.1:${backofficePort}/xoev/messages`;
  const masterData = await masterDataPointingAt(backofficeUrl);
  await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });
  const dataDir = await mkdtemp(join(tmpdir(), 'amtsbote-bench-backoffice-'));
  // The token the back office proves itself with to receipts; the seed master data names its variable.
  const token = randomBytes(24).toString('hex');
  const services: RunningService[] = [];
  const started = (service: RunningService, port?: number) => {
    services.push(service);
    if (port !== undefined) service.metricsUrl = `http://127.0.0.1:${port}/metrics`;
    return service;
  };

  try {
    // Receipts and the back office first, so the back office can reply and delivery finds it (as infra/stack.sh does).
    const receipts = started(
      startService('receipts', {
        ...env.serviceEnv('receipts'),
        HEALTH_PORT: String(health.receipts),
        RECEIPTS_PORT: String(receiptsPort),
        AMTSBOTE_REFERENCE_BACKOFFICE_TOKEN: token,
      }),
      health.receipts,
    );
    const backoffice = started(
      startService('reference-backoffice', {
        BACKOFFICE_PORT: String(backofficePort),
        BACKOFFICE_DATA_DIR: dataDir,
        BACKOFFICE_REPLIES_URL: `http://127.0.0.1:${receiptsPort}/replies`,
        BACKOFFICE_REPLY_TOKEN: token,
        // The default pause between replies is for the demo; a back office answers when it answers.
        BACKOFFICE_REPLY_STEP_MS: '0',
      }),
    );
    const translator = started(
      startService('translator', { ...env.serviceEnv('translator'), HEALTH_PORT: String(health.translator), ...options.translatorEnv }, options.translatorExecArgv),
      health.translator,
    );
    const delivery = started(startService('delivery', { ...env.serviceEnv('delivery'), HEALTH_PORT: String(health.delivery) }), health.delivery);
    await Promise.all([
      untilAnswers(`http://127.0.0.1:${health.receipts}/readyz`, receipts.process, 'receipts'),
      untilAnswers(`http://127.0.0.1:${backofficePort}/stats`, backoffice.process, 'reference-backoffice'),
      untilAnswers(`http://127.0.0.1:${health.translator}/readyz`, translator.process, 'translator'),
      untilAnswers(`http://127.0.0.1:${health.delivery}/readyz`, delivery.process, 'delivery'),
    ]);
  } catch (err) {
    await stopServices(services);
    throw err;
  }

  return {
    services,
    async stop() {
      await stopServices(services);
      await rm(dataDir, { recursive: true, force: true });
      await rm(masterData, { recursive: true, force: true });
    },
  };
}

/** The sums and counts of `amtsbote_processing_seconds` per stage (consumer group) a service reports. */
export async function processingTotals(service: RunningService): Promise<Map<string, { sum: number; count: number }>> {
  const totals = new Map<string, { sum: number; count: number }>();
  if (!service.metricsUrl) return totals;
  const text = await fetch(service.metricsUrl).then((r) => r.text());
  for (const [, kind, stage, value] of text.matchAll(/^amtsbote_processing_seconds_(sum|count)\{[^}]*stage="([^"]+)"[^}]*\} (\S+)$/gm)) {
    const entry = totals.get(stage!) ?? { sum: 0, count: 0 };
    entry[kind as 'sum' | 'count'] += Number(value);
    totals.set(stage!, entry);
  }
  return totals;
}
