import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Logger } from './logger.js';

/** A readiness condition, e.g. "joined its consumer group". */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** What `/metrics` serves, e.g. a prom-client registry. */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

/**
 * Serves `/livez` and `/readyz` for orchestrators: live while the process runs, ready while every
 * check passes; and `/metrics` for Prometheus, given a source. Port 0 picks a free port (tests).
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  checks: Record<string, ReadinessCheck>;
  metrics?: MetricsSource;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    if (req.url === '/livez') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (req.url === '/readyz') {
      const results = Object.fromEntries(
        await Promise.all(
          Object.entries(options.checks).map(async ([name, check]) => [name, await Promise.resolve(check()).catch(() => false)] as const),
        ),
      );
      const ready = Object.values(results).every(Boolean);
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ready, checks: results }));
      return;
    }
    if (req.url === '/metrics' && options.metrics) {
      const text = await options.metrics.metrics().catch(() => undefined);
      if (text === undefined) res.writeHead(500).end();
      else res.writeHead(200, { 'content-type': options.metrics.contentType }).end(text);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Runs `stop` once on SIGTERM or SIGINT and exits; a second signal or a stop that takes longer than
 * `timeoutMs` exits at once, so an orchestrator's kill never waits on a hung shutdown.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, timeoutMs = 20_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long, exiting');
      process.exit(1);
    }, timeoutMs).unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** The version in the package.json next to a service's `src/` or `dist/` folder, for dead-letter headers and logs. */
export function packageVersion(moduleUrl: string): string {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', moduleUrl), 'utf8')) as { version: string };
  return version;
}
