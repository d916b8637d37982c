import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countMasterDataDiff, describeMasterDataDiff, diffMasterData, isEmptyMasterDataDiff } from './diff.js';
import { loadMasterData } from './load.js';
import type { MasterData } from './schema.js';
import { masterDataKinds } from './topics.js';

const seedDir = fileURLToPath(new URL('./__fixtures__/pilot-seed/', import.meta.url));
const ERREICHBARKEIT = 'urn:de:xoev:codeliste:erreichbarkeit';
const empty: MasterData = { municipalities: [], authorities: [], destinations: [], routes: [], codelists: [] };

describe('diffMasterData', () => {
  it('finds no difference between equal master data, whatever the order of entries and keys', async () => {
    const seed = await loadMasterData(seedDir);
    const shuffled: MasterData = {
      ...seed,
      routes: [...seed.routes].reverse(),
      destinations: seed.destinations.map((d) => ({ connector: d.connector, standard: d.standard, authority: d.authority, id: d.id })),
    };
    expect(isEmptyMasterDataDiff(diffMasterData(seed, shuffled))).toBe(true);
  });

  it('lists added, changed (with the changed fields) and removed entries per kind', async () => {
    const seed = await loadMasterData(seedDir);
    const edited: MasterData = {
      ...seed,
      routes: seed.routes.map((r) => (r.municipality === '06411000' ? { ...r, destination: 'rossdorf-dms' } : r)).filter((r) => r.municipality !== '06432013'),
      destinations: [...seed.destinations, { ...seed.destinations[0]!, id: 'darmstadt-gewerbe-dms-neu' }],
    };
    const diff = diffMasterData(seed, edited);
    expect(diff.routes.changed).toEqual([
      expect.objectContaining({ key: '06411000/99050012104000', fields: ['destination'] }),
    ]);
    expect(diff.routes.removed.map((r) => r.key)).toEqual(['06432013/99050012104000']);
    expect(diff.destinations.added.map((d) => d.key)).toEqual(['darmstadt-gewerbe-dms-neu']);
    expect(countMasterDataDiff(diff)).toEqual({ added: 1, changed: 1, removed: 1 });
    expect(describeMasterDataDiff(diff)).toEqual([
      '+ destinations.yaml: darmstadt-gewerbe-dms-neu',
      '~ routes.yaml: 06411000/99050012104000: destination "darmstadt-gewerbe-dms" → "rossdorf-dms"',
      '- routes.yaml: 06432013/99050012104000',
    ]);
  });

  it('names nested fields by their path', async () => {
    const seed = await loadMasterData(seedDir);
    const moved = { ...seed, destinations: seed.destinations.map((d) => ({ ...d, connector: { ...d.connector, url: 'https://dms.example.org/in' } })) };
    const diff = diffMasterData(seed, moved);
    expect(diff.destinations.changed.every((c) => c.fields.join() === 'connector.url')).toBe(true);
  });

  it('sees everything as added when the topics are still empty', async () => {
    const seed = await loadMasterData(seedDir);
    const { added, changed, removed } = countMasterDataDiff(diffMasterData(empty, seed));
    expect({ changed, removed }).toEqual({ changed: 0, removed: 0 });
    expect(added).toBe(masterDataKinds.reduce((sum, kind) => sum + seed[kind].length, 0));
  });

  it('names a code list by its URI and shows its old and new version', async () => {
    const seed = await loadMasterData(seedDir);
    const cutOver = { ...seed, codelists: seed.codelists.map((c) => (c.uri === ERREICHBARKEIT ? { ...c, version: '5' } : c)) };
    expect(describeMasterDataDiff(diffMasterData(seed, cutOver))).toEqual([`~ codelists.yaml: ${ERREICHBARKEIT}: version "4.1" → "5"`]);
  });
});
