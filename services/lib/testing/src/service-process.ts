import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './environment.js';

/** How a process ended: killed by a signal (e.g. SIGKILL), or exited with a code. */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A service running in a child process, as an orchestrator runs it, so a test can kill it for real. */
export interface ServiceProcess {
  pid: number | undefined;
  /** Settles once the process has ended and its output is read to the end. */
  ended: Promise<ProcessEnd>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  kill(signal?: NodeJS.Signals): void;
}

/** The built entry point of a service, `services/<name>/dist/main.js`; throws if it has not been built. */
export function serviceMain(name: string): string {
  const main = join(repoRoot, 'services', name, 'dist/main.js');
  if (!existsSync(main)) throw new Error(`${main} missing: run npm run build first`);
  return main;
}

/**
 * Starts `main` with exactly `env`; its output is kept and echoed to the test's stderr, prefixed with `name` and its pid.
 * `execArgv`: Node options that NODE_OPTIONS does not take, e.g. `--cpu-prof`.
 */
export function startServiceProcess(main: string, env: NodeJS.ProcessEnv, name: string, execArgv: string[] = []): ServiceProcess {
  const child = spawn(process.execPath, [...execArgv, main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Listen at once, so a process that dies early does not end unnoticed; 'close' comes after its last output.
  const ended = new Promise<ProcessEnd>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  let output = '';
  const echo = (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(`[${name} ${child.pid}] ${chunk.toString()}`);
  };
  child.stdout.on('data', echo);
  child.stderr.on('data', echo);
  return { pid: child.pid, ended, output: () => output, kill: (signal = 'SIGKILL') => void child.kill(signal) };
}

/** A TCP port free right now on 127.0.0.1, for a child process that must be told its port in advance. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
