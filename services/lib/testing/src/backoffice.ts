import { mkdtemp, mkdir, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@amtsbote/core';
import { createInboxStore, createReferenceBackoffice, type IntakeStats } from '@amtsbote/reference-backoffice';
import { repoRoot } from './environment.js';

/** A reference back office running in the test process on a free port. */
export interface TestBackoffice {
  url: string;
  dataDir: string;
  stats: IntakeStats;
  close(): Promise<void>;
}

/** Starts the reference back office with a fresh inbox folder. */
export async function startTestBackoffice(): Promise<TestBackoffice> {
  const dataDir = await mkdtemp(join(tmpdir(), 'amtsbote-backoffice-'));
  const store = await createInboxStore(dataDir);
  const { server, stats } = createReferenceBackoffice({ store, logger: createLogger('test-backoffice', { level: 'warn' }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/xoev/messages`,
    dataDir,
    stats,
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
