import { describe, expect, it } from 'vitest';
import { diffMasterData, type ImportResult, type MasterData } from '@amtsbote/core';
import { formatImportResult } from './masterdata.js';

const empty: MasterData = { municipalities: [], authorities: [], destinations: [], routes: [], codelists: [] };
const darmstadt: MasterData = {
  ...empty,
  municipalities: [{ ags: '06411000', name: 'Wissenschaftsstadt Darmstadt', sender: 'darmstadt-online-dienste' }],
};
const verb = { done: 'imported', pending: 'would import' };

describe('formatImportResult', () => {
  it('says when the topics already hold the data', () => {
    const result: ImportResult = { importId: null, diff: diffMasterData(darmstadt, darmstadt), repaired: 0, records: 0, dryRun: false };
    expect(formatImportResult(result, verb)).toEqual(['masterdata: the topics already hold this master data']);
  });

  it.each([
    ['an import', 'i-1', 'masterdata: imported as import i-1: 1 added, 0 changed, 0 removed (1 records)'],
    ['a dry run', null, 'masterdata: would import: 1 added, 0 changed, 0 removed (1 records)'],
  ])('lists each difference and sums up %s', (_name, importId, summary) => {
    const result: ImportResult = { importId, diff: diffMasterData(empty, darmstadt), repaired: 0, records: 1, dryRun: importId === null };
    expect(formatImportResult(result, verb)).toEqual(['+ municipalities.yaml: 06411000', summary]);
  });

  it('names a new code list version by the list and both versions', () => {
    const erreichbarkeit = (version: string): MasterData => ({ ...empty, codelists: [{ uri: 'urn:de:xoev:codeliste:erreichbarkeit', version }] });
    const result: ImportResult = { importId: null, diff: diffMasterData(erreichbarkeit('4.1'), erreichbarkeit('5')), repaired: 0, records: 1, dryRun: true };
    expect(formatImportResult(result, verb)).toEqual([
      '~ codelists.yaml: urn:de:xoev:codeliste:erreichbarkeit: version "4.1" → "5"',
      'masterdata: would import: 0 added, 1 changed, 0 removed (1 records)',
    ]);
  });
});
