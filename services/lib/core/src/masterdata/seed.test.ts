import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeMasterDataFiles } from './files.js';
import { loadMasterData } from './load.js';
import { createRouter } from './router.js';

const seedDir = fileURLToPath(new URL('../../../../../infra/masterdata/', import.meta.url));

describe('the seed master data in infra/masterdata', () => {
  it('serves Darmstadt and the five municipalities of the pilot in the Landkreis Darmstadt-Dieburg', async () => {
    const seed = await loadMasterData(seedDir);
    expect(seed.municipalities.map((m) => [m.ags, m.ars])).toEqual([
      ['06411000', '064110000000'],
      ['06432007', '064320007007'],
      ['06432009', '064320009009'],
      ['06432013', '064320013013'],
      ['06432016', '064320016016'],
      ['06432020', '064320020020'],
    ]);
    // An ARS is the AGS with the Gemeindeverband part inserted after the Kreis.
    for (const m of seed.municipalities) expect(`${m.ars!.slice(0, 5)}${m.ars!.slice(9)}`).toBe(m.ags);
  });

  it.each([
    ['06411000', 'darmstadt-gewerbe-dms', '3.1.0', 'darmstadt-online-dienste'],
    ['06432007', 'fischbachtal-dms', '3.1.0', 'fischbachtal-online-dienste'],
    ['06432009', 'gross-bieberau-dms', '3.0.0', 'gross-bieberau-online-dienste'],
    ['06432013', 'modautal-dms', '3.1.0', 'modautal-online-dienste'],
    ['06432016', 'ober-ramstadt-dms', '3.1.0', 'ober-ramstadt-online-dienste'],
    ['06432020', 'rossdorf-dms', '3.1.0', 'rossdorf-online-dienste'],
  ])('routes a Gewerbeanmeldung in %s to %s (xdomea %s), sent by %s', async (ags, destination, version, sender) => {
    const router = createRouter(await loadMasterData(seedDir));
    const route = router.route({ ags, ars: null }, '99050012104000');
    expect(route?.destination).toMatchObject({ id: destination, standard: { name: 'xdomea', version } });
    expect(route?.sender.id).toBe(sender);
    expect(route?.recipient.municipality).toBe(ags);
  });

  it('points every HTTP destination at the reference back office of the local stack', async () => {
    const seed = await loadMasterData(seedDir);
    const http = seed.destinations.flatMap((d) => (d.connector.type === 'http' ? [[d.id, d.connector.url]] : []));
    expect(http.length).toBe(seed.destinations.length);
    for (const [id, url] of http) expect(url, id).toBe('http://127.0.0.1:8090/xoev/messages');
  });

  it('says for every code list version where it was verified', async () => {
    const seed = await loadMasterData(seedDir);
    for (const list of seed.codelists) expect(list.source, list.uri).toBeTruthy();
  });

  it('survives a round trip through the YAML files an export writes', async () => {
    const seed = await loadMasterData(seedDir);
    const dir = await mkdtemp(join(tmpdir(), 'masterdata-export-'));
    await writeMasterDataFiles(dir, seed, 'exported for a test');
    expect(await loadMasterData(dir)).toEqual(seed);
  });
});
