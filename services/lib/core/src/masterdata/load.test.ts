import { mkdtemp, readdir, copyFile, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMasterData } from './load.js';
import { createRouter } from './router.js';

const seed = fileURLToPath(new URL('../../../../../infra/masterdata/', import.meta.url));

async function copyOfSeed(edit?: { file: string; replace: [string | RegExp, string] }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'masterdata-'));
  for (const file of await readdir(seed)) await copyFile(join(seed, file), join(dir, file));
  if (edit) {
    const text = await readFile(join(dir, edit.file), 'utf8');
    await writeFile(join(dir, edit.file), text.replace(edit.replace[0], edit.replace[1]));
  }
  return dir;
}

describe('loadMasterData', () => {
  it('loads the seed master data and routes a Gewerbeanmeldung in Darmstadt', async () => {
    const router = createRouter(await loadMasterData(seed));
    const route = router.route({ ags: '06411000', ars: null }, '99050012104000');
    expect(route?.destination.standard).toEqual({ name: 'xdomea', version: '3.1.0' });
    expect(route?.sender.id).toBe('darmstadt-online-dienste');
  });

  it('finds no route for a service the municipality has not assigned', async () => {
    const router = createRouter(await loadMasterData(seed));
    expect(router.route({ ags: '06411000', ars: null }, '99999999999999')).toBeUndefined();
  });

  it.each([
    ['a malformed AGS', { file: 'routes.yaml', replace: ['municipality: "06411000"', 'municipality: "6411"'] as [string, string] }, /routes\.yaml: entry #1: field municipality/],
    ['an unknown destination', { file: 'routes.yaml', replace: ['destination: darmstadt-gewerbe-dms', 'destination: nowhere'] as [string, string] }, /routes\.yaml: entry #1 \(06411000\/99050012104000\): field destination: unknown destination "nowhere"/],
    ['an unknown field', { file: 'destinations.yaml', replace: ['timeoutMs: 10000', 'timeoutMs: 10000\n      password: secret'] as [string, string] }, /destinations\.yaml: entry darmstadt-gewerbe-dms: field connector/],
  ])('refuses %s, naming file, entry and field', async (_name, edit, message) => {
    await expect(loadMasterData(await copyOfSeed(edit))).rejects.toThrow(message);
  });
});
