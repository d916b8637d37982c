// The end-to-end benchmark's results as Markdown: the targets first, each with ✓ or ✗, then the
// latency per offered load, then each process. Cells never hide a missing measurement: it shows as "?".
import type { BenchResult, LatencyRow } from './end-to-end.js';
import { table } from './results-file.js';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n = (value: number | undefined, digits = 0) =>
  value === undefined || !Number.isFinite(value) ? '?' : new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
const mb = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '?' : `${n(bytes / 2 ** 20)} MB`);
const check = (ok: boolean | undefined) => (ok === undefined ? '?' : ok ? '✓' : '✗');

/** The benchmark's section in docs/benchmarks.md. */
export const sectionTitle = 'End to end: the pipeline on the local broker';

/** The targets of issue 6. */
export const targets = {
  throughput: 2_500,
  shareOfCeiling: 0.6,
  p99At500: 100,
  peakRss: 250 * 2 ** 20,
  replay: 10_000,
};

/** Memory counts as flat when its trend over 10 minutes stays within 10 MB or 5 %, whichever is larger. */
export const isFlat = (soak: { start: number; trendPer10Min: number }) => soak.trendPer10Min <= Math.max(10 * 2 ** 20, 0.05 * soak.start);
/** A trend from less than a minute of samples is mostly garbage-collector sawtooth: no verdict. */
const flatness = (seconds: number, soaks: { start: number; trendPer10Min: number }[]) =>
  seconds < 60 ? '– (too short to tell)' : check(soaks.every(isFlat));

function stageShares(row: LatencyRow): string[] {
  const { toTranslator, translator, delivery, statusBack } = row.stages;
  const total = toTranslator + translator + delivery + statusBack;
  return [toTranslator, translator, delivery, statusBack].map((ms) => `${n(ms)} (${n((100 * ms) / total)} %)`);
}

/** The rows of the targets table: measure, measured, target, verdict. */
export function summaryRows(r: BenchResult): string[][] {
  const c = r.ceilings;
  const at500 = r.latency.find((row) => row.load === '500/s');
  const largest = r.processes.reduce((a, b) => (b.peakRss > a.peakRss ? b : a));
  const soaked = r.processes.filter((p) => p.soak);
  const share = c ? r.throughput / c.translate : undefined;
  const { options: o } = r;
  return [
    [
      `end-to-end throughput at saturation (${o.inFlight} in flight, ${o.seconds} s after ${o.warmUpSeconds} s warm-up; submission produced → \`delivered\` seen)`,
      `${n(r.throughput, 1)} applications/s`,
      `≥ ${count.format(targets.throughput)} /s, XSD validation on`,
      check(r.throughput >= targets.throughput),
    ],
    [
      'ceiling: in-process route + map + validate as the translator does (XSD, and Schematron for XBau), same mix, one core',
      c ? `${n(c.translate, 1)} /s (XSD only: ${n(c.translateXsdOnly, 1)} /s)` : '?',
      '',
      '',
    ],
    ['end to end ÷ in-process ceiling', share === undefined ? '?' : `${n(100 * share)} %`, `≥ ${100 * targets.shareOfCeiling} %`, check(share === undefined ? undefined : share >= targets.shareOfCeiling)],
    ['ceiling: bare consume → produce pass-through (the services\' KafkaClient and stage runner, same broker, no work)', c ? `${n(c.passThrough)} records/s` : '?', '', ''],
    [
      `ceiling: reference back office's own intake (HTTP POST, ${o.intakeConcurrency} at a time, fsync'd)`,
      c ? `${n(c.intake.perSecond)} messages/s (${n(c.intake.cpu, 2)} CPU s/s)` : '?',
      '',
      '',
    ],
    [
      'p99 latency at 500 applications/s offered',
      at500 ? `${n(at500.p99)} ms${at500.overloadedAfter === undefined ? '' : ' (overloaded)'}` : '– (500/s not offered: BENCH_RATES)',
      `≤ ${targets.p99At500} ms`,
      at500 ? check(at500.p99 <= targets.p99At500) : '–',
    ],
    ['peak RSS (VmHWM), largest service', `${mb(largest.peakRss)} (${largest.name})`, `≤ ${mb(targets.peakRss)} each`, check(r.processes.every((p) => p.peakRss <= targets.peakRss))],
    [
      `memory over ${o.soakSeconds} s at ${r.soakRate ?? '?'} applications/s (RSS trend per 10 min)`,
      soaked.length > 0 ? soaked.map((p) => `${p.name} ${p.soak!.trendPer10Min >= 0 ? '+' : ''}${mb(p.soak!.trendPer10Min)}`).join(', ') : '?',
      'flat',
      soaked.length > 0 ? flatness(o.soakSeconds, soaked.map((p) => p.soak!)) : '?',
    ],
    [
      `\`amtsbote replay\`: ${c ? count.format(c.replay.records) : '?'} submissions into a topic nobody reads, delivery guarantees on`,
      c ? `${n(c.replay.perSecond)} records/s (${n(c.replay.wallSeconds, 1)} s with start-up)` : '?',
      `≥ ${count.format(targets.replay)} /s`,
      check(c ? c.replay.perSecond >= targets.replay : undefined),
    ],
    ['applications rejected or failed', String(r.failed), '0', check(r.failed === 0)],
  ];
}

export function latencyRows(r: BenchResult): string[][] {
  return r.latency.map((row) => [
    row.load + (row.overloadedAfter === undefined ? '' : ` (overloaded: offer stopped after ${n(row.overloadedAfter, 1)} s)`),
    n(row.deliveredPerSecond, 1),
    count.format(row.applications),
    n(row.p50),
    n(row.p99),
    n(row.p999),
    ...stageShares(row),
  ]);
}

export function processRows(r: BenchResult): string[][] {
  return r.processes.map((p) => [
    p.name,
    n(p.cpu, 2),
    n(p.cpuMsPerApplication, 1),
    mb(p.peakRss),
    p.soak ? `${mb(p.soak.start)} / ${mb(p.soak.end)} / ${mb(p.soak.peak)}` : '?',
    p.soak ? `${p.soak.trendPer10Min >= 0 ? '+' : ''}${mb(p.soak.trendPer10Min)} ${flatness(r.options.soakSeconds, [p.soak])}` : '?',
  ]);
}

/** The section of docs/benchmarks.md, also what `npm run bench` prints. */
export function formatResult(r: BenchResult): string {
  const { options: o } = r;
  return `The whole pipeline as production runs it: translator, delivery, receipts and the reference back office, one Node process each, on the local broker and registry, under a topic prefix of its own (\`bench-<random>.\`), routed by the seed master data with every destination pointed at that back office. A producer in the benchmark process offers applications like front offices; latency runs from each submission's produce time (header \`bench_produced_at\`) to the moment the benchmark's consumer sees its \`delivered\` status event. CPU and memory are read from \`/proc\` per process. The ceilings run in the same invocation after the pipeline has stopped.
Mix: ${r.mix}; ${r.sizes}. No XGewerbeanzeige: no seed destination speaks it (business registrations go as xdomea to each municipality's DMS), and its XSD is not in ../shared/xoev.
Machine: ${r.machine}; load average ${r.loadBefore} at the start, ${r.loadAfter} at the end (1, 5, 15 min); all cores ${n(100 * r.machineBusy)} % busy during the saturation window, the broker, the registry, other users and this benchmark's own producer and consumer (${n(r.benchCpu, 2)} CPU s/s) included. ${r.versions}.
Measured ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run: \`${o.command}\`${o.quick ? ' (quick: a smoke run, not a measurement)' : ''}. Settings: BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_IN_FLIGHT, BENCH_RATES, BENCH_LOAD_SECONDS, BENCH_MAX_BACKLOG, BENCH_SOAK_SECONDS, BENCH_SOAK_RATE, BENCH_SAMPLE_SECONDS, BENCH_PASSTHROUGH_RECORDS, BENCH_TRANSLATE_SECONDS, BENCH_INTAKE_SECONDS, BENCH_INTAKE_CONCURRENCY; \`--quick\` for a few seconds each.
The machines are shared and noisy: compare ratios within one run rather than absolute rates across runs.

${table(['measure', 'measured', 'target', ''], summaryRows(r))}

Latency from produce to \`delivered\` seen, ms, and where it goes (mean ms per stage and share): *to translator* = waiting on applications.submitted until the translator takes it (\`received\`); *translator* = map, validate, encode, produce (to the \`translated\` record's timestamp); *delivery* = xoev.outbound, dispatch to the lane, the lane, the back office's HTTP intake (to \`delivered\`); *status back* = the status event's produce and fetch. An offered load stops early once ${count.format(o.maxBacklog)} applications are in flight.

${table(['offered load', 'delivered /s', 'applications', 'p50', 'p99', 'p99.9', 'to translator', 'translator', 'delivery', 'status back'], latencyRows(r))}

Per process: CPU in the saturation window (CPU seconds per second; 1 = one core), CPU per delivered application, peak RSS over the whole run, and RSS over the soak (sampled every ${o.sampleSeconds} s). Processing time per record in the saturation window (\`amtsbote_processing_seconds\`, mean): ${r.processing.map((p) => `${p.stage} ${n(p.ms, 2)} ms`).join(', ') || '?'}.

${table(['process', 'CPU s/s', 'CPU ms per application', 'peak RSS', 'soak RSS start / end / peak', 'trend per 10 min'], processRows(r))}`;
}
