import { mkdtemp, mkdir, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLogger, type Destination } from '@amtsbote/core';
import { parse, stringify } from 'yaml';
import { createInboxStore, createReferenceBackoffice, type BackofficeFault, type IntakeStats, type Receipt } from '@amtsbote/reference-backoffice';
import { repoRoot } from './environment.js';

/** A reference back office running in the test process on a free port. */
export interface TestBackoffice {
  url: string;
  port: number;
  dataDir: string;
  /** This run's counts; `receipts()` has everything the inbox folder holds, in any order. */
  stats: IntakeStats;
  receipts(): Promise<Receipt[]>;
  close(): Promise<void>;
}

/**
 * Starts the reference back office, by default on a free port with a fresh inbox folder. Pass the
 * port and folder of a closed one to bring the same back office up again after an outage.
 */
export async function startTestBackoffice(
  options: {
    port?: number;
    dataDir?: string;
    onNewMessage?: (xml: Buffer) => void;
    /** Makes it misbehave for some deliveries (fault tests). */
    fault?: (request: { idempotencyKey: string; xml: Buffer }) => BackofficeFault | undefined;
  } = {},
): Promise<TestBackoffice> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'amtsbote-backoffice-')));
  const store = await createInboxStore(dataDir);
  const { server, stats } = createReferenceBackoffice({
    store,
    logger: createLogger('test-backoffice', { level: 'warn' }),
    ...(options.onNewMessage ? { onNewMessage: options.onNewMessage } : {}),
    ...(options.fault ? { fault: options.fault } : {}),
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/xoev/messages`,
    port,
    dataDir,
    stats,
    receipts: async () =>
      Promise.all((await readdir(dataDir)).filter((f) => f.endsWith('.receipt.json')).map(async (f) => JSON.parse(await readFile(join(dataDir, f), 'utf8')) as Receipt)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // An outage drops kept-alive connections too, not just the listener.
        server.closeAllConnections();
      }),
  };
}

/**
 * A copy of infra/masterdata in a temporary folder with every HTTP destination pointed at `url`,
 * so tests route exactly as production master data says, only to their own back office.
 */
export async function masterDataPointingAt(url: string): Promise<string> {
  const source = join(repoRoot, 'infra/masterdata');
  const dir = await mkdtemp(join(tmpdir(), 'amtsbote-masterdata-'));
  await mkdir(dir, { recursive: true });
  for (const file of await readdir(source)) {
    let text = await readFile(join(source, file), 'utf8');
    if (file === 'destinations.yaml') text = text.replace(/url: http:\/\/127\.0\.0\.1:8090\/xoev\/messages/g, `url: ${url}`);
    await writeFile(join(dir, file), text);
  }
  return dir;
}

/** Changes one destination in a master-data folder (e.g. from `masterDataPointingAt`) before it is imported. */
export async function patchDestination(masterDataDir: string, id: string, patch: (destination: Destination) => void): Promise<void> {
  const file = join(masterDataDir, 'destinations.yaml');
  const document = parse(await readFile(file, 'utf8')) as { destinations: Destination[] };
  const destination = document.destinations.find((d) => d.id === id);
  if (!destination) throw new Error(`destination ${id} is not in ${file}`);
  patch(destination);
  await writeFile(file, stringify(document));
}
