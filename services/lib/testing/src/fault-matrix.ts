import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './environment.js';

/**
 * How a row of the fault matrix (`npm run test:faults`) starts its line; the faults project's
 * reporter (fault-matrix-reporter.ts) collects these lines into .cache/faults/results.md.
 */
export const FAULT_ROW_PREFIX = 'fault-matrix | ';

/** Where the fault matrix's table is written. */
export const faultResultsFile = join(repoRoot, '.cache/faults/results.md');

/**
 * Prints a row of the fault matrix, `fault-matrix | <fault> | <counts> | <seconds> s`. Print it
 * before asserting, so that a failing row still shows what it counted.
 */
export function reportRow(fault: string, counts: (string | number)[] | string, startedAt: number): string {
  const line = `${FAULT_ROW_PREFIX}${fault} | ${Array.isArray(counts) ? counts.join(', ') : counts} | ${Math.round((Date.now() - startedAt) / 1000)} s`;
  console.log(line);
  return line;
}

/** Waits until `done` holds, polling; fails after `timeoutMs`, saying what was seen. */
export async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string, pollMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await sleep(pollMs);
  }
}

/** The three-broker cluster of infra/kafka (replication factor 3, min.insync.replicas 2). */
export const clusterBrokers = ['127.0.0.1:19092', '127.0.0.1:19094', '127.0.0.1:19096'];

/**
 * Each cluster node's FAULTS listener, `[listening port, advertised port]`: a client that bootstraps
 * from a fault proxy on the advertised port is sent back to the proxies for every broker.
 */
export const clusterFaultListeners: [number, number][] = [
  [19192, 19193],
  [19194, 19195],
  [19196, 19197],
];

/** Runs infra/kafka/kafka.sh without blocking the event loop (services under test may run in this process); resolves with its stdout. */
export function kafkaSh(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repoRoot, 'infra/kafka/kafka.sh'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`kafka.sh ${args.join(' ')} exited with ${code}`))));
  });
}

/** The marker a run of the fault matrix leaves when one of its rows started the cluster (fault-matrix-setup.ts). */
export const clusterMarkerOf = (run: string) => join(repoRoot, `.cache/faults/cluster-used-by-${run}`);

/** Starts (or reuses) the three-broker cluster for a row; the run's global setup stops it at the end. */
export async function upCluster(): Promise<void> {
  await kafkaSh('up', '--cluster');
  const run = process.env['AMTSBOTE_FAULTS_RUN'];
  if (run) {
    mkdirSync(dirname(clusterMarkerOf(run)), { recursive: true });
    writeFileSync(clusterMarkerOf(run), '');
  }
}

/** The sum of a metric's samples in Prometheus text whose labels include all of `labels`. */
export function metricSum(metrics: string, name: string, labels: Record<string, string> = {}): number {
  return metrics
    .split('\n')
    .filter((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Megabytes, rounded, for a row's counts. */
export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
