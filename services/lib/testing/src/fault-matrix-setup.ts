import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './environment.js';
import { clusterMarkerOf } from './fault-matrix.js';

const kafkaSh = join(repoRoot, 'infra/kafka/kafka.sh');

/**
 * Global setup of the `faults` project. The rows on the three-broker cluster start it (`upCluster`)
 * or reuse it, and leave it running for the next row; at the end of a run whose rows started it, it
 * is stopped and wiped, as the cluster tests of `npm test` leave it. A cluster that ran before the
 * run is someone else's and stays.
 */
export default function setup(): () => void {
  const run = randomUUID();
  // The test workers are forked after this and inherit it.
  process.env['AMTSBOTE_FAULTS_RUN'] = run;
  const runningBefore = spawnSync('bash', [kafkaSh, 'status', '--cluster'], { stdio: 'ignore' }).status === 0;
  return () => {
    const used = existsSync(clusterMarkerOf(run));
    rmSync(clusterMarkerOf(run), { force: true });
    if (used && !runningBefore) execFileSync('bash', [kafkaSh, 'down', '--cluster', '--wipe'], { stdio: 'inherit', timeout: 120_000 });
  };
}
