import { mkdtemp, readdir, copyFile, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMasterData } from './load.js';
import { createRouter } from './router.js';

const seed = fileURLToPath(new URL('../../../../../infra/masterdata/', import.meta.url));
const KAMMER = 'urn:xoev-de:xbau:codeliste:kammer';
const ERREICHBARKEIT = 'urn:de:xoev:codeliste:erreichbarkeit';

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
    ['a code list URI that is no URN', { file: 'codelists.yaml', replace: [`uri: ${KAMMER}`, 'uri: kammer'] as [string, string] }, /codelists\.yaml: entry kammer: field uri: a code list URI is a URN/],
    [
      'a code list without a version',
      { file: 'codelists.yaml', replace: [`uri: ${KAMMER}\n    version: "2.0"`, `uri: ${KAMMER}\n    version: ""`] as [string, string] },
      /codelists\.yaml: entry urn:xoev-de:xbau:codeliste:kammer: field version: a code list version is not empty/,
    ],
    [
      'a code list listed twice',
      { file: 'codelists.yaml', replace: ['codelists:\n', `codelists:\n  - { uri: ${KAMMER}, version: "2.0" }\n`] as [string, string] },
      /codelists\.yaml: entry urn:xoev-de:xbau:codeliste:kammer: field uri: appears more than once/,
    ],
    [
      'a destination keeping a version of a code list that is not there',
      { file: 'destinations.yaml', replace: ['standard: { name: XBau, version: "2.6" }', 'standard: { name: XBau, version: "2.6" }\n    codeListVersions: { "urn:xoev-de:xbau:codeliste:kamer": "1.0" }'] as [string, string] },
      /destinations\.yaml: entry darmstadt-bauaufsicht-xbau: field codeListVersions\.urn:xoev-de:xbau:codeliste:kamer: unknown code list/,
    ],
  ])('refuses %s, naming file, entry and field', async (_name, edit, message) => {
    await expect(loadMasterData(await copyOfSeed(edit))).rejects.toThrow(message);
  });
});

describe('the code list versions of the router', () => {
  it("names a destination's own version, else its standard's, else the one in force", async () => {
    const data = await loadMasterData(seed);
    const router = createRouter(data);
    const xbau = router.destination('darmstadt-bauaufsicht-xbau')!;
    const xdomea = router.destination('darmstadt-gewerbe-dms')!;
    expect(router.codeListVersion(ERREICHBARKEIT, xbau)).toBe('4.1');
    expect(router.codeListVersion(ERREICHBARKEIT, xdomea)).toBe('3');
    expect(router.codeListVersion(ERREICHBARKEIT, { ...xbau, codeListVersions: { [ERREICHBARKEIT]: '4' } })).toBe('4');
    expect(router.codeListVersion('urn:example:codeliste:unknown', xbau)).toBeUndefined();
  });
});
