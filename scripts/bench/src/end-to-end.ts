// The end-to-end benchmark: the real pipeline (four Node processes) on the real broker and registry,
// fed like front offices feed it, measured from outside, next to its ceilings from the same run.
// Run: npm run bench (-- --quick); the settings are in `benchOptions`.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafkaClient, createLogger, createSubmissionRecord } from '@amtsbote/core';
import { createIntegrationEnvironment, repoRoot } from '@amtsbote/testing';
import { backofficeIntakeRate, createBenchTopic, fillTopic, passThroughRate, replayRate, type IntakeResult, type ReplayResult } from './ceilings.js';
import { closedLoop, openLoop, startLoad, type Load, type Sample } from './load.js';
import { seedMix } from './mix.js';
import { processingTotals, startPipeline, type Pipeline, type RunningService } from './pipeline.js';
import { cpuSeconds, loadAverage, machineTicks, memory } from './proc-stats.js';
import { machine } from './results-file.js';
import { createTranslation, defaultXoevDir, translationRate } from './translation.js';

export interface BenchOptions {
  quick: boolean;
  brokers: string[];
  registryUrl: string;
  xoevSchemaDir: string;
  /** Closed loop before the measurement, so JIT, connections and batches have settled. */
  warmUpSeconds: number;
  /** The saturation window: throughput, CPU, processing times. */
  seconds: number;
  /** Applications kept in the pipeline at saturation. */
  inFlight: number;
  /** Fixed offered loads (applications/s), open loop, each for `loadSeconds`. */
  rates: number[];
  loadSeconds: number;
  /** An offered load stops early once this many applications are in flight: the pipeline is overloaded. */
  maxBacklog: number;
  /** The longer run for memory; 0 leaves it out. */
  soakSeconds: number;
  /** Its offered load; default half the measured saturation throughput, so a backlog does not pass for a leak. */
  soakRate: number | undefined;
  sampleSeconds: number;
  /** Records for the pass-through and for the replay. */
  passThroughRecords: number;
  translateSeconds: number;
  intakeSeconds: number;
  intakeConcurrency: number;
  /** Extra environment of the translator process, e.g. PARTITIONS_CONCURRENTLY. */
  translatorEnv: Record<string, string>;
  /** Node options of the translator process, e.g. --cpu-prof. */
  translatorExecArgv: string[];
  /** Only warm-up and saturation: to compare settings or to profile. */
  saturationOnly: boolean;
  /** The command line as it was typed, for the results' caption. */
  command: string;
  log: (line: string) => void;
}

/** The options from the command line (`--quick`, `--saturation-only`) and BENCH_* variables. */
export function benchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const quick = argv.includes('--quick');
  const saturationOnly = argv.includes('--saturation-only');
  const number = (name: string, full: number, short: number) => {
    const value = env[name] === undefined || env[name] === '' ? (quick ? short : full) : Number(env[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name}: "${env[name]}" is not a number ≥ 0`);
    return value;
  };
  const translatorEnv: Record<string, string> = {};
  if (env['BENCH_TRANSLATOR_PARTITIONS_CONCURRENTLY']) translatorEnv['PARTITIONS_CONCURRENTLY'] = env['BENCH_TRANSLATOR_PARTITIONS_CONCURRENTLY'];
  const profileDir = env['BENCH_TRANSLATOR_CPU_PROF_DIR'];
  const settings = Object.entries(env)
    .filter(([name]) => name.startsWith('BENCH_') || name === 'KAFKA_PRODUCER_LIBRARY')
    .map(([name, value]) => `${name}=${value} `)
    .join('');
  return {
    quick,
    saturationOnly,
    brokers: (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    registryUrl: env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    xoevSchemaDir: defaultXoevDir,
    warmUpSeconds: number('BENCH_WARMUP_SECONDS', 15, 2),
    seconds: number('BENCH_SECONDS', 60, 4),
    inFlight: number('BENCH_IN_FLIGHT', 1000, 100),
    rates: (env['BENCH_RATES'] ?? (quick ? '20,50' : '100,500,1000')).split(',').map(Number),
    loadSeconds: number('BENCH_LOAD_SECONDS', 30, 2),
    maxBacklog: number('BENCH_MAX_BACKLOG', 1500, 200),
    soakSeconds: number('BENCH_SOAK_SECONDS', 600, 3),
    soakRate: env['BENCH_SOAK_RATE'] ? number('BENCH_SOAK_RATE', 0, 0) : undefined,
    sampleSeconds: number('BENCH_SAMPLE_SECONDS', 10, 1),
    passThroughRecords: number('BENCH_PASSTHROUGH_RECORDS', 30_000, 500),
    translateSeconds: number('BENCH_TRANSLATE_SECONDS', 10, 1),
    intakeSeconds: number('BENCH_INTAKE_SECONDS', 10, 1),
    intakeConcurrency: number('BENCH_INTAKE_CONCURRENCY', 16, 4),
    translatorEnv,
    translatorExecArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    command: `${settings}npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    log: (line) => console.log(line),
  };
}

export interface LatencyRow {
  /** e.g. `100/s` or `saturation`. */
  load: string;
  /** Applications per second delivered while it ran. */
  deliveredPerSecond: number;
  applications: number;
  p50: number;
  p99: number;
  p999: number;
  /** Mean ms per stage, in the order of `Sample`. */
  stages: Omit<Sample, 'latency'>;
  /** The offer stopped after this many seconds: the backlog reached its bound. */
  overloadedAfter?: number | undefined;
}

export interface ProcessRow {
  name: string;
  /** CPU seconds per wall second in the saturation window (1 = one core busy). */
  cpu: number;
  cpuMsPerApplication: number;
  /** VmHWM at the end of the run. */
  peakRss: number;
  /** RSS over the soak: first, last and highest sample, and the trend of a straight-line fit per 10 minutes. */
  soak?: { start: number; end: number; peak: number; trendPer10Min: number; samples: number } | undefined;
}

export interface BenchResult {
  options: BenchOptions;
  startedAt: Date;
  loadBefore: string;
  loadAfter: string;
  machine: string;
  versions: string;
  mix: string;
  sizes: string;
  throughput: number;
  failed: number;
  /** Share of all cores busy during the saturation window, whoever used them. */
  machineBusy: number;
  /** CPU seconds per second of the benchmark process itself (producer, status consumer) in that window. */
  benchCpu: number;
  latency: LatencyRow[];
  processes: ProcessRow[];
  /** Mean amtsbote_processing_seconds per record and stage in the saturation window, ms. */
  processing: { stage: string; ms: number }[];
  soakRate?: number;
  ceilings?: {
    translate: number;
    translateXsdOnly: number;
    passThrough: number;
    intake: IntakeResult;
    replay: ReplayResult;
  };
}

const percentile = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function latencyRow(load: string, samples: Sample[], deliveredPerSecond: number, overloadedAfter?: number): LatencyRow {
  const sorted = samples.map((s) => s.latency).sort((a, b) => a - b);
  return {
    load,
    deliveredPerSecond,
    applications: samples.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999),
    stages: {
      toTranslator: mean(samples.map((s) => s.toTranslator)),
      translator: mean(samples.map((s) => s.translator)),
      delivery: mean(samples.map((s) => s.delivery)),
      statusBack: mean(samples.map((s) => s.statusBack)),
    },
    overloadedAfter,
  };
}

/** Node, kafkajs, the broker and the registry, as they ran. */
async function versions(registryUrl: string): Promise<string> {
  const packageVersion = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const libDir = join(repoRoot, '.cache/kafka/lib');
  const kafkaJar = existsSync(libDir) ? readdirSync(libDir).find((f) => /^kafka-server-[\d.]+\.jar$/.test(f)) : undefined;
  const registry = await fetch(registryUrl.replace(/\/apis\/ccompat\/v7\/?$/, '/apis/registry/v3/system/info'))
    .then((r) => r.json() as Promise<{ name?: string; version?: string }>)
    .then((info) => `${info.name ?? 'registry'} ${info.version ?? '?'}`)
    .catch(() => 'registry ?');
  return [
    `Node ${process.version}`,
    `kafkajs ${packageVersion('kafkajs')} (consumers, admin)`,
    `producer: ${process.env['KAFKA_PRODUCER_LIBRARY'] === 'kafkajs' ? 'kafkajs (KAFKA_PRODUCER_LIBRARY=kafkajs)' : `@platformatic/kafka ${packageVersion('@platformatic/kafka')}`}`,
    `Kafka ${kafkaJar?.replace(/^kafka-server-|\.jar$/g, '') ?? '(broker version unknown)'}`,
    registry,
    `xmlbuilder2 ${packageVersion('xmlbuilder2')}`,
    `libxml2-wasm ${packageVersion('libxml2-wasm')}`,
  ].join(', ');
}

/** Fits a straight line through (time, value) samples; returns its slope per second. */
function slope(points: { t: number; v: number }[]): number {
  if (points.length < 2) return 0;
  const mt = mean(points.map((p) => p.t));
  const mv = mean(points.map((p) => p.v));
  const num = points.reduce((sum, p) => sum + (p.t - mt) * (p.v - mv), 0);
  const den = points.reduce((sum, p) => sum + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** Waits for the backlog to drain; an undrained pipeline would spoil the next phase, so that is an error. */
async function drained(load: Load, pipeline: Pipeline, timeoutMs: number, after: string): Promise<void> {
  if (await load.drain(timeoutMs)) return;
  const gone = pipeline.services.filter((s) => s.process.output().includes('"level":60') || !existsSync(`/proc/${s.pid}`));
  throw new Error(
    `after ${after}: ${load.inFlight()} applications still in flight after ${Math.round(timeoutMs / 1000)} s` +
      (gone.length > 0 ? `; ended or failed: ${gone.map((s) => `${s.name}\n${s.process.output().slice(-2_000)}`).join('\n')}` : ''),
  );
}

/** Runs the benchmark: the pipeline's phases, then the ceilings; prints progress through `options.log`. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const startedAt = new Date();
  const log = (line: string) => options.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s] ${line}`);
  const loadBefore = loadAverage();
  const topicPrefix = `bench-${randomUUID().slice(0, 8)}.`;
  log(`bench: topics under ${topicPrefix} on ${options.brokers.join(',')}; load average ${loadBefore}`);
  const shared = await createIntegrationEnvironment('bench', {
    brokers: options.brokers,
    registryUrl: options.registryUrl,
    xoevSchemaDir: options.xoevSchemaDir,
    topicPrefix,
  });
  // The benchmark's own clients produce as the services do (KAFKA_PRODUCER_LIBRARY, default: theirs).
  const library = process.env['KAFKA_PRODUCER_LIBRARY'];
  const kafka = createKafkaClient({
    brokers: options.brokers,
    clientId: 'amtsbote-bench',
    logger: createLogger('bench', { level: 'warn' }),
    ...(library === 'kafkajs' || library === 'platformatic' ? { producerLibrary: library } : {}),
  });
  const env = { ...shared, kafka };
  const { mix, summary: mixSummary, length: mixLength } = await seedMix(topicPrefix);

  const pipeline = await startPipeline(env, { translatorEnv: options.translatorEnv, translatorExecArgv: options.translatorExecArgv });
  log(`bench: pipeline up: ${pipeline.services.map((s) => `${s.name} (pid ${s.pid})`).join(', ')}`);
  const load = await startLoad(env, mix);
  const latency: LatencyRow[] = [];
  const processes: ProcessRow[] = pipeline.services.map((s) => ({ name: s.name, cpu: NaN, cpuMsPerApplication: NaN, peakRss: NaN }));
  let throughput = NaN;
  let machineBusy = NaN;
  let benchCpu = NaN;
  let processing: BenchResult['processing'] = [];
  let soakRate: number | undefined;
  try {
    log(`bench: warm-up, ${options.inFlight} in flight, ${options.warmUpSeconds} s`);
    await closedLoop(load, { inFlight: options.inFlight, seconds: options.warmUpSeconds, phase: 'warm-up' });

    log(`bench: saturation, ${options.inFlight} in flight, ${options.seconds} s`);
    const cpuBefore = pipeline.services.map((s) => cpuSeconds(s.pid));
    const ticksBefore = machineTicks();
    const benchCpuBefore = process.cpuUsage();
    const totalsBefore = await Promise.all(pipeline.services.map(processingTotals));
    const deliveredBefore = load.delivered();
    const started = performance.now();
    await closedLoop(load, { inFlight: options.inFlight, seconds: options.seconds, phase: 'saturation' });
    const wall = (performance.now() - started) / 1000;
    const delivered = load.delivered() - deliveredBefore;
    throughput = delivered / wall;
    const ticksAfter = machineTicks();
    machineBusy = (ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total);
    const benchCpuUsed = process.cpuUsage(benchCpuBefore);
    benchCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6 / wall;
    for (const [i, s] of pipeline.services.entries()) {
      const used = cpuSeconds(s.pid) - cpuBefore[i]!;
      processes[i]!.cpu = used / wall;
      processes[i]!.cpuMsPerApplication = (used * 1000) / Math.max(delivered, 1);
    }
    processing = processingPerStage(pipeline.services, totalsBefore, await Promise.all(pipeline.services.map(processingTotals)));
    log(`bench: saturation: ${throughput.toFixed(1)} applications/s delivered`);
    const drainMs = (n: number) => Math.max(30_000, (3_000 * n) / Math.max(throughput, 1));
    await drained(load, pipeline, drainMs(options.inFlight), 'saturation');
    latency.push(latencyRow(`saturation (${options.inFlight} in flight)`, load.samples('saturation'), throughput));

    if (!options.saturationOnly) {
      for (const rate of options.rates) {
        log(`bench: ${rate}/s offered for ${options.loadSeconds} s`);
        const phase = `${rate}/s`;
        const before = load.delivered();
        const began = performance.now();
        const { overloadedAfter } = await openLoop(load, { rate, seconds: options.loadSeconds, phase, maxBacklog: options.maxBacklog });
        const deliveredPerSecond = (load.delivered() - before) / ((performance.now() - began) / 1000);
        await drained(load, pipeline, drainMs(options.maxBacklog), phase);
        latency.push(latencyRow(phase, load.samples(phase), deliveredPerSecond, overloadedAfter));
      }

      if (options.soakSeconds > 0) {
        soakRate = options.soakRate ?? Math.max(1, Math.round(throughput / 2));
        log(`bench: soak, ${soakRate}/s for ${options.soakSeconds} s, RSS every ${options.sampleSeconds} s`);
        const series = pipeline.services.map(() => [] as { t: number; v: number }[]);
        const sample = () => pipeline.services.forEach((s, i) => series[i]!.push({ t: performance.now() / 1000, v: memory(s.pid).rss }));
        sample();
        const sampler = setInterval(sample, options.sampleSeconds * 1000);
        try {
          await openLoop(load, { rate: soakRate, seconds: options.soakSeconds, phase: 'soak', maxBacklog: options.maxBacklog });
        } finally {
          clearInterval(sampler);
        }
        sample();
        for (const [i, points] of series.entries()) {
          const values = points.map((p) => p.v);
          processes[i]!.soak = {
            start: values[0]!,
            end: values.at(-1)!,
            peak: Math.max(...values),
            trendPer10Min: slope(points) * 600,
            samples: values.length,
          };
        }
        await drained(load, pipeline, drainMs(options.maxBacklog), 'soak');
      }
    }
    for (const [i, s] of pipeline.services.entries()) processes[i]!.peakRss = memory(s.pid).peak;
  } finally {
    await load.stop();
    await pipeline.stop();
  }
  log('bench: pipeline stopped');

  const result: BenchResult = {
    options,
    startedAt,
    loadBefore,
    loadAfter: '',
    machine: machine(),
    versions: await versions(options.registryUrl),
    mix: '',
    sizes: '',
    throughput,
    failed: load.failed(),
    machineBusy,
    benchCpu,
    latency,
    processes,
    processing,
    ...(soakRate === undefined ? {} : { soakRate }),
  };

  // The ceilings, with the pipeline stopped, so they have the machine to themselves as far as it is ours.
  const translation = await createTranslation(options.xoevSchemaDir);
  try {
    const samples = Array.from({ length: mixLength * 6 }, (_, n) => mix(n));
    const messages = samples.map((s) => {
      const mapping = translation.mappingOf(s);
      return { xml: Buffer.from(translation.map(s, mapping), 'utf8'), messageType: mapping.messageType, standard: `${mapping.standard} ${mapping.version}` };
    });
    const records = await Promise.all(samples.map((s) => createSubmissionRecord(env.codec, env.contracts.submitted, s)));
    result.mix = `one application per route of the seed master data in turn (${mixSummary}), giving ${describeStandards(messages)}`;
    const kb = (bytes: number[]) => `${(mean(bytes) / 1024).toFixed(1)} KB`;
    result.sizes = `submissions ${kb(records.map((r) => r.value!.length))} Avro, XÖV messages ${kb(messages.map((m) => m.xml.length))} on average (${sizesByStandard(messages)})`;
    if (!options.saturationOnly) {
      log(`bench: in-process translate + validate, ${options.translateSeconds} s each`);
      // A quick run warms up on fewer messages: 200 take seconds with the XBau Schematron.
      const warmUp = options.quick ? 10 : 200;
      const translate = translationRate(translation, samples, options.translateSeconds, { rules: true, warmUp });
      const translateXsdOnly = translationRate(translation, samples, options.translateSeconds, { rules: false, warmUp });
      log(`bench: pass-through, ${options.passThroughRecords} records`);
      const source = await createBenchTopic(env, 'bench.passthrough-source.v1');
      await fillTopic(env, source, Array.from({ length: options.passThroughRecords }, (_, n) => mix(1_000_000 + n)));
      const passThrough = await passThroughRate(env, source, options.passThroughRecords);
      log(`bench: back-office intake, ${options.intakeConcurrency} at a time, ${options.intakeSeconds} s`);
      const intake = await backofficeIntakeRate(messages, { seconds: options.intakeSeconds, concurrency: options.intakeConcurrency });
      log(`bench: amtsbote replay of ${options.passThroughRecords} submissions`);
      const replay = await replayRate(env, source.slice(topicPrefix.length));
      result.ceilings = { translate, translateXsdOnly, passThrough, intake, replay };
    }
  } finally {
    translation.close();
  }
  result.loadAfter = loadAverage();
  log('bench: done');
  return result;
}

function describeStandards(messages: { standard: string }[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.standard, (counts.get(m.standard) ?? 0) + 1);
  return [...counts].map(([standard, n]) => `${Math.round((100 * n) / messages.length)} % ${standard}`).join(', ');
}

function sizesByStandard(messages: { standard: string; xml: Buffer }[]): string {
  const sizes = new Map<string, number[]>();
  for (const m of messages) sizes.set(m.standard, [...(sizes.get(m.standard) ?? []), m.xml.length]);
  return [...sizes].map(([standard, s]) => `${standard} ${(mean(s) / 1024).toFixed(1)} KB`).join(', ');
}

/** Mean processing ms per record for each stage in a window; the delivery lanes (one group each) as one. */
function processingPerStage(
  services: RunningService[],
  before: Map<string, { sum: number; count: number }>[],
  after: Map<string, { sum: number; count: number }>[],
): BenchResult['processing'] {
  const merged = new Map<string, { sum: number; count: number }>();
  for (const [i, s] of services.entries()) {
    for (const [stage, end] of after[i]!) {
      const start = before[i]!.get(stage) ?? { sum: 0, count: 0 };
      const name = `${s.name}${stage.includes('.lane.') ? ' lanes' : stage.endsWith('delivery') ? ' dispatch' : ''}`;
      const entry = merged.get(name) ?? { sum: 0, count: 0 };
      entry.sum += end.sum - start.sum;
      entry.count += end.count - start.count;
      merged.set(name, entry);
    }
  }
  return [...merged].filter(([, e]) => e.count > 0).map(([stage, e]) => ({ stage, ms: (1000 * e.sum) / e.count }));
}

