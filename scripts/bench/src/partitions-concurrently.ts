// The translator's PARTITIONS_CONCURRENTLY (how many partitions one instance works on at a time,
// so how large its batches of work between produce-and-commit are) at 1, 3 and 6: the end-to-end
// benchmark's saturation phase once per setting, each with a fresh pipeline.
// Run: npm run bench:partitions -w @amtsbote/bench (BENCH_ROUNDS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_IN_FLIGHT).
import { benchOptions, runBench } from './end-to-end.js';
import { machine, table, writeSection } from './results-file.js';
import { loadAverage } from './proc-stats.js';

const settings = (process.env['BENCH_PARTITIONS_CONCURRENTLY'] ?? '1,3,6').split(',');
// Rounds run the settings in turn (1, 3, 6, 1, 3, 6, …), so a neighbour's load spike hits all of them alike.
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 1);
const options = benchOptions(['--saturation-only'], { BENCH_SECONDS: '30', BENCH_WARMUP_SECONDS: '10', ...process.env });
const loadBefore = loadAverage();
const library = process.env['KAFKA_PRODUCER_LIBRARY'];
const rows: string[][] = [];
for (const setting of Array.from({ length: rounds }, () => settings).flat()) {
  const result = await runBench({ ...options, translatorEnv: { ...options.translatorEnv, PARTITIONS_CONCURRENTLY: setting } });
  const [saturation] = result.latency;
  const translator = result.processes.find((p) => p.name === 'translator')!;
  const processing = result.processing.find((p) => p.stage === 'translator');
  rows.push([
    setting,
    result.loadBefore.split(',')[0]!,
    result.throughput.toFixed(1),
    saturation ? saturation.p50.toFixed(0) : '?',
    saturation ? saturation.p99.toFixed(0) : '?',
    translator.cpu.toFixed(2),
    translator.cpuMsPerApplication.toFixed(1),
    processing ? processing.ms.toFixed(1) : '?',
  ]);
  console.log(`PARTITIONS_CONCURRENTLY=${setting}: ${result.throughput.toFixed(1)} applications/s`);
}

const result = table(
  ['PARTITIONS_CONCURRENTLY', 'load average (1 min) at start', 'applications/s', 'p50 ms', 'p99 ms', 'translator CPU s/s', 'translator CPU ms per application', 'translator processing ms per record'],
  rows,
);
console.log(`\n${result}`);
writeSection(
  'Translator: partitions processed concurrently',
  `The end-to-end benchmark's saturation phase (${options.inFlight} applications in flight, ${options.seconds} s after ${options.warmUpSeconds} s warm-up), once per setting of the translator's PARTITIONS_CONCURRENTLY, each with a fresh pipeline; the other services keep their default (3). *Processing per record*: \`amtsbote_processing_seconds\`, which includes waiting for the event loop while other partitions' records are worked on.
Machine: ${machine()}; load average ${loadBefore} at the start, ${loadAverage()} at the end. Measured ${new Date().toISOString().slice(0, 10)}. Re-run: \`${library ? `KAFKA_PRODUCER_LIBRARY=${library} ` : ''}npm run bench:partitions -w @amtsbote/bench\` (BENCH_PARTITIONS_CONCURRENTLY=1,3,6, BENCH_ROUNDS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_IN_FLIGHT). *CPU ms per application* depends least on what else runs on the machine.

${result}`,
);
