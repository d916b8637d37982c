import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import { createLogger, importMasterData } from '@amtsbote/core';
import { createReplier, type Replier } from '@amtsbote/reference-backoffice';
import { deadLetterTopicOf, type ApplicationStatus, type ApplicationSubmitted } from '@amtsbote/schemas';
import { masterDataPointingAt, patchDestination, startTestBackoffice, type TestBackoffice } from './backoffice.js';
import { collectRecords, type RecordCollector } from './collect.js';
import { createIntegrationEnvironment, type IntegrationEnvironment } from './environment.js';
import { freePort, serviceMain, startServiceProcess, type ProcessEnd, type ServiceProcess } from './service-process.js';
import { waitUntil } from './fault-matrix.js';
import { sampleSubmissions, submit } from './submissions.js';

/** A pipeline service that runs as a process of its own. */
export type ServiceName = 'translator' | 'delivery' | 'receipts';

/** A service process of a fault pipeline, with its health port and log at hand. */
export interface PipelineProcess extends ServiceProcess {
  service: ServiceName;
  label: string;
  healthPort: number;
  readiness(): Promise<{ ready: boolean; body: string }>;
  metrics(): Promise<string>;
  /** Joins of a consumer group, from its log: one per group at start, one more per group and rebalance. */
  joins(): number;
  /** Log lines (JSON) whose `msg` is `msg`. */
  logLines(msg: string): string[];
  /** Sends `signal` (default SIGTERM) and resolves once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<ProcessEnd>;
}

/** The status events of a run, decoded once each as they arrive. */
export interface StatusBook {
  readonly collector: RecordCollector;
  /** Decodes what arrived since the last call. */
  read(): Promise<void>;
  of(applicationId: string): ApplicationStatus[];
  /** Of `applicationIds`, those that lack one of `statuses`. */
  missing(applicationIds: string[], statuses: string[]): Promise<string[]>;
  waitFor(applicationIds: string[], statuses: string[], timeoutMs: number): Promise<void>;
  /** `application status` pairs reported by more than one event (different event ids): an effect that happened twice. */
  contradicting(): string[];
  /** Status records that repeat an event already seen (same event id), e.g. re-produced after a crash: harmless. */
  repeated(): number;
}

/** What a row counts: the numbers its line prints and its assertions check. */
export interface PipelineCounts {
  submitted: number;
  /** Messages the back office stored, each once. */
  deliveredUnique: number;
  /** Repeated deliveries the back office recognised by their Idempotency-Key and did not store again. */
  deduplicated: number;
  deadLetters: number;
  /** Applications without their complete status history (first 5). */
  incomplete: string[];
  contradicting: string[];
  repeatedStatus: number;
}

/** The outcome of `FaultPipeline.runThrough`. */
export interface FaultRun {
  submissions: ApplicationSubmitted[];
  counts: PipelineCounts;
  /** Consumer-group joins of the service processes after the fault began: one per group and rebalance. */
  rejoins: number;
  /** Delivered when the fault began and when it was over. */
  deliveredAtFault: number;
  deliveredAfterFault: number;
  /** From the start of the fault until every application had its complete status history. */
  recoveredAfterMs: number;
  /** Why waiting for the complete histories failed, if it did; the counts are taken anyway. */
  error: unknown;
}

/** Options of `startFaultPipeline`. */
export interface FaultPipelineOptions {
  /** Where the topics are and the test's own clients (front office, collectors) connect; default: the global setup's broker. */
  brokers?: string[];
  /** What the services are given instead, e.g. fault proxies in front of the brokers. */
  serviceBrokers?: string[];
  /** …or in front of the schema registry. */
  serviceRegistryUrl?: string;
  /** Environment of every service process, e.g. SESSION_TIMEOUT_MS. */
  serviceEnv?: Record<string, string>;
  /** Started at once, one each, in this order (default translator, delivery); more or again with `start`. */
  services?: ServiceName[];
  /** The back office answers every message through the receipts service, as the reference back office does. */
  replies?: boolean;
  /** Changes the master data (a copy pointing at the test's back office) before it is imported. */
  masterData?: (dir: string) => Promise<void>;
  backoffice?: Parameters<typeof startTestBackoffice>[0];
}

/** Translator, delivery (and receipts) as processes, a back office, collectors: what most fault rows run. */
export interface FaultPipeline {
  env: IntegrationEnvironment;
  backoffice: TestBackoffice;
  replier: Replier | undefined;
  /** The receipts service's endpoint; every receipts process of this pipeline listens there. */
  repliesUrl: string;
  /** The bearer token every destination's replies are posted with (with `replies`). */
  repliesToken: string;
  /** Every process started so far, ended ones included. */
  processes: PipelineProcess[];
  /** Starts one more process of `service`; resolves once it is ready, or at once with `waitReady: false` (e.g. when it may die first). */
  start(service: ServiceName, env?: Record<string, string>, options?: { waitReady?: boolean }): Promise<PipelineProcess>;
  /** Produces submissions as a front office does, on the test's brokers. */
  submit(submissions: ApplicationSubmitted[]): Promise<void>;
  statuses: StatusBook;
  /** Every record on the dead-letter topics of submissions, messages and replies. */
  deadLetters: RecordCollector;
  /** Counts after a run; `expected` is the status history every submission must have. */
  counts(submissions: ApplicationSubmitted[], expected?: string[]): Promise<PipelineCounts>;
  /**
   * Submits `applications`, runs `fault` once `faultAt` (a fraction) of them are delivered, then waits
   * until each has its complete status history and counts.
   */
  runThrough(options: { applications: number; faultAt?: number; fault(): Promise<void>; timeoutMs?: number }): Promise<FaultRun>;
  close(): Promise<void>;
}

export const deliveredHistory = ['received', 'translated', 'delivered'];

/** A row's counts as its line prints them. */
export function describeCounts(c: PipelineCounts): string[] {
  return [
    `${c.submitted} submitted`,
    `${c.deliveredUnique} delivered unique`,
    `${c.deduplicated} repeats deduplicated`,
    `${c.deadLetters} dead letters`,
    `${c.incomplete.length} incomplete`,
    `${c.contradicting.length} contradicting statuses`,
  ];
}

function createStatusBook(env: IntegrationEnvironment, collector: RecordCollector): StatusBook {
  const events = new Map<string, ApplicationStatus[]>();
  let decoded = 0;
  let records = 0;
  const book: StatusBook = {
    collector,
    async read() {
      while (decoded < collector.records.length) {
        const event = await env.codec.decode<ApplicationStatus>(collector.records[decoded++]!.value);
        records++;
        events.set(event.applicationId, [...(events.get(event.applicationId) ?? []), event]);
      }
    },
    of: (applicationId) => events.get(applicationId) ?? [],
    async missing(applicationIds, statuses) {
      await book.read();
      return applicationIds.filter((id) => !statuses.every((s) => events.get(id)?.some((e) => e.status === s)));
    },
    async waitFor(applicationIds, statuses, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const missing = await book.missing(applicationIds, statuses);
        if (missing.length === 0) return;
        if (Date.now() > deadline) {
          const example = missing[0]!;
          throw new Error(`${missing.length} of ${applicationIds.length} applications lack one of ${statuses.join(', ')} after ${timeoutMs} ms; e.g. ${example}: ${book.of(example).map((e) => e.status).join(', ')}`);
        }
        await sleep(250);
      }
    },
    contradicting() {
      const found: string[] = [];
      for (const [applicationId, list] of events) {
        const ids = new Map<string, Set<string>>();
        for (const e of list) ids.set(e.status, (ids.get(e.status) ?? new Set()).add(e.eventId));
        for (const [status, set] of ids) if (set.size > 1) found.push(`${applicationId} ${status}`);
      }
      return found;
    },
    repeated: () => records - new Set([...events.values()].flat().map((e) => e.eventId)).size,
  };
  return book;
}

async function destinationIds(masterDataDir: string): Promise<string[]> {
  const document = parse(await readFile(join(masterDataDir, 'destinations.yaml'), 'utf8')) as { destinations: { id: string }[] };
  return document.destinations.map((d) => d.id);
}

/** Starts a fault pipeline: topics of its own, a back office, the master data, the services as processes. */
export async function startFaultPipeline(name: string, options: FaultPipelineOptions = {}): Promise<FaultPipeline> {
  const env = await createIntegrationEnvironment(name, options.brokers ? { brokers: options.brokers } : {});
  const token = `token-${randomUUID()}`;
  const repliesPort = await freePort();
  const repliesUrl = `http://127.0.0.1:${repliesPort}/replies`;
  const replier = options.replies
    ? createReplier({ url: repliesUrl, token, logger: createLogger(`${name}-replier`, { level: 'error' }), retryDelayMs: 500 })
    : undefined;
  const backoffice = await startTestBackoffice({
    ...options.backoffice,
    onNewMessage: (xml) => {
      options.backoffice?.onNewMessage?.(xml);
      replier?.answer(xml);
    },
  });
  const masterData = await masterDataPointingAt(backoffice.url);
  if (options.replies) {
    for (const id of await destinationIds(masterData)) await patchDestination(masterData, id, (d) => void (d.replies = { tokenEnv: 'FAULT_BACKOFFICE_TOKEN' }));
  }
  await options.masterData?.(masterData);
  await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });

  const processes: PipelineProcess[] = [];
  const instances = new Map<ServiceName, number>();

  async function start(service: ServiceName, extra: Record<string, string> = {}, { waitReady = true } = {}): Promise<PipelineProcess> {
    const instance = (instances.get(service) ?? 0) + 1;
    instances.set(service, instance);
    const label = `${service}-${instance}`;
    const healthPort = await freePort();
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...env.serviceEnv(service),
      ...(options.serviceBrokers ? { KAFKA_BROKERS: options.serviceBrokers.join(',') } : {}),
      ...(options.serviceRegistryUrl ? { SCHEMA_REGISTRY_URL: options.serviceRegistryUrl } : {}),
      HEALTH_PORT: String(healthPort),
      // Info: the log then says when a group was joined, so rows can count rebalances.
      LOG_LEVEL: 'info',
      ...(service === 'receipts' ? { RECEIPTS_PORT: String(repliesPort), FAULT_BACKOFFICE_TOKEN: token } : {}),
      ...options.serviceEnv,
      ...extra,
    };
    const child = startServiceProcess(serviceMain(service), childEnv, label);
    const health = `http://127.0.0.1:${healthPort}`;
    const lines = (msg: string) => child.output().split('\n').filter((line) => line.includes(`"msg":"${msg}"`));
    const running: PipelineProcess = {
      ...child,
      service,
      label,
      healthPort,
      async readiness() {
        try {
          const response = await fetch(`${health}/readyz`, { signal: AbortSignal.timeout(5_000) });
          return { ready: response.status === 200, body: await response.text() };
        } catch (err) {
          return { ready: false, body: (err as Error).message };
        }
      },
      metrics: async () => (await fetch(`${health}/metrics`, { signal: AbortSignal.timeout(10_000) })).text(),
      joins: () => lines('joined consumer group').length,
      logLines: lines,
      stop(signal = 'SIGTERM') {
        child.kill(signal);
        return child.ended;
      },
    };
    processes.push(running);
    if (!waitReady) return running;
    let ended = false;
    void child.ended.then(() => (ended = true));
    // A service is up once ready: every group joined, producer connected, registry reachable.
    const deadline = Date.now() + 180_000;
    while (!(await running.readiness()).ready) {
      if (ended) throw new Error(`${label} ended while starting: ${child.output().slice(-2_000)}`);
      if (Date.now() > deadline) throw new Error(`${label} not ready within 180 s: ${(await running.readiness()).body}`);
      await sleep(250);
    }
    return running;
  }

  const statusCollector = await collectRecords(env.kafka, [env.contracts.status.topic]);
  const statuses = createStatusBook(env, statusCollector);
  const deadLetters = await collectRecords(
    env.kafka,
    [env.contracts.submitted, env.contracts.outbound, env.contracts.replies].map((c) => deadLetterTopicOf(c.topic)),
  );
  const pipeline: FaultPipeline = {
    env,
    backoffice,
    replier,
    repliesUrl,
    repliesToken: token,
    processes,
    start,
    async submit(submissions) {
      const producer = env.kafka.producer();
      await producer.connect();
      await submit(producer, env.codec, env.contracts.submitted, submissions);
      await producer.disconnect();
    },
    statuses,
    deadLetters,
    async counts(submissions, expected = deliveredHistory) {
      const incomplete = await statuses.missing(submissions.map((s) => s.applicationId), expected);
      return {
        submitted: submissions.length,
        deliveredUnique: backoffice.stats.unique,
        deduplicated: backoffice.stats.duplicates,
        deadLetters: deadLetters.records.length,
        incomplete: incomplete.slice(0, 5),
        contradicting: statuses.contradicting().slice(0, 5),
        repeatedStatus: statuses.repeated(),
      };
    },
    async runThrough({ applications, faultAt = 0.3, fault, timeoutMs = 300_000 }) {
      const submissions = sampleSubmissions(env.topicPrefix, applications);
      const ids = submissions.map((s) => s.applicationId);
      const deliveredBefore = backoffice.stats.unique;
      await pipeline.submit(submissions);
      const joins = () => processes.reduce((n, p) => n + p.joins(), 0);
      const deliveredSoFar = () => backoffice.stats.unique - deliveredBefore;
      let error: unknown;
      await waitUntil(() => deliveredSoFar() >= applications * faultAt, timeoutMs, () => `${deliveredSoFar()} of ${applications} delivered before the fault`);
      const deliveredAtFault = deliveredSoFar();
      const joinsBefore = joins();
      const faultStarted = Date.now();
      await fault();
      const deliveredAfterFault = deliveredSoFar();
      try {
        await statuses.waitFor(ids, deliveredHistory, timeoutMs);
      } catch (err) {
        error = err;
      }
      const recoveredAfterMs = Date.now() - faultStarted;
      // Repeats and status events in flight land before counting.
      await sleep(3_000);
      return { submissions, counts: await pipeline.counts(submissions), rejoins: joins() - joinsBefore, deliveredAtFault, deliveredAfterFault, recoveredAfterMs, error };
    },
    async close() {
      // A clean stop first, so nothing is left in the groups; a process that hangs is killed.
      await Promise.all(
        processes.map(async (p) => {
          p.kill('SIGTERM');
          const timer = setTimeout(() => p.kill('SIGKILL'), 25_000);
          await p.ended;
          clearTimeout(timer);
        }),
      );
      await statusCollector.stop();
      await deadLetters.stop();
      await backoffice.close();
    },
  };
  try {
    for (const service of options.services ?? ['translator', 'delivery']) await start(service);
  } catch (err) {
    await pipeline.close();
    throw err;
  }
  return pipeline;
}
