// Self time per function and per package of a V8 CPU profile (node --cpu-prof), e.g. of the
// translator under saturation:
//   BENCH_TRANSLATOR_CPU_PROF_DIR=/tmp/prof npm run bench -- --saturation-only
//   node scripts/bench/dist/profile-summary.js /tmp/prof/<file>.cpuprofile [--skip-seconds 20] [--top 25]
import { readFileSync } from 'node:fs';
import { table } from './results-file.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package a function belongs to, from its script's URL. */
export function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('wasm://')) return '(WebAssembly: libxml2-wasm)';
  if (url.startsWith('node:')) return '(node internals)';
  const inModules = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inModules) return inModules[1]!;
  const inRepo = /\/(services\/lib|services|connectors|schemas|scripts)\/([^/]+)\//.exec(url);
  if (inRepo) return inRepo[1] === 'connectors' ? `@amtsbote/connector-${inRepo[2]}` : `@amtsbote/${inRepo[1] === 'schemas' ? 'schemas' : inRepo[2]}`;
  return url;
}

export function summarize(profile: Profile, options: { skipSeconds: number; top: number }): { functions: string; packages: string; seconds: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, { ms: number; pkg: string }>();
  const packages = new Map<string, number>();
  let at = 0;
  let total = 0;
  for (const [i, id] of profile.samples.entries()) {
    at += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (at / 1e6 < options.skipSeconds) continue;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const pkg = packageOf(url, functionName);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|services|connectors|scripts)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    const entry = functions.get(key) ?? { ms: 0, pkg };
    entry.ms += ms;
    functions.set(key, entry);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    total += ms;
  }
  const share = (ms: number) => `${((100 * ms) / total).toFixed(1)} %`;
  return {
    seconds: total / 1000,
    functions: table(
      ['function', 'package', 'self ms', 'share'],
      [...functions]
        .sort(([, a], [, b]) => b.ms - a.ms)
        .slice(0, options.top)
        .map(([name, { ms, pkg }]) => [name, pkg, ms.toFixed(0), share(ms)]),
    ),
    packages: table(
      ['package', 'self ms', 'share'],
      [...packages].sort(([, a], [, b]) => b - a).map(([pkg, ms]) => [pkg, ms.toFixed(0), share(ms)]),
    ),
  };
}

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [--skip-seconds N] [--top N]');
  process.exit(2);
}
const option = (name: string, fallback: number) => {
  const at = rest.indexOf(name);
  return at === -1 ? fallback : Number(rest[at + 1]);
};
const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, { skipSeconds: option('--skip-seconds', 0), top: option('--top', 25) });
console.log(`Busy time (not idle) after the skipped start: ${summary.seconds.toFixed(1)} s\n\nBy package:\n\n${summary.packages}\n\nTop functions by self time:\n\n${summary.functions}`);
