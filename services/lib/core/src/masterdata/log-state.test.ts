import { describe, expect, it } from 'vitest';
import type { ConsumedRecord, OutgoingRecord } from '../kafka/types.js';
import { createMasterDataLog, type MasterDataLog } from './log-state.js';
import { createImportMarkerRecord, createMasterDataRecord, decodeMasterDataRecord, type ImportMarker } from './records.js';
import type { MasterData } from './schema.js';
import { masterDataTopicsFor, type MasterDataEntry, type MasterDataKind } from './topics.js';

const topics = masterDataTopicsFor('t.');
const time = new Date('2026-11-25T10:00:00Z');

const darmstadt = { ags: '06411000', name: 'Darmstadt', sender: 'da-online' };
const online = { id: 'da-online', name: 'Online-Dienste', municipality: '06411000', dvdv: { prefix: 'dvdv', id: 'da-1' } };
const amt = { id: 'da-amt', name: 'Gewerbeamt', municipality: '06411000', dvdv: { prefix: 'dvdv', id: 'da-2' } };
const dms = (id: string, version = '3.1.0') => ({
  id,
  authority: 'da-amt',
  standard: { name: 'xdomea', version },
  connector: { type: 'http' as const, url: `http://127.0.0.1:8090/${id}`, timeoutMs: 10_000 },
});
const route = (destination: string) => ({ municipality: '06411000', serviceKey: '99050012104000', destination });

/** Feeds records into a log like the topics would hand them over: each topic counts its own offsets. */
function feeder(log: MasterDataLog) {
  const offsets = new Map<string, number>();
  const feed = (record: OutgoingRecord) => {
    const offset = offsets.get(record.topic) ?? 0;
    offsets.set(record.topic, offset + 1);
    const consumed: ConsumedRecord = {
      topic: record.topic,
      partition: 0,
      offset: String(offset),
      key: record.key === null ? null : Buffer.from(record.key),
      value: record.value,
      headers: record.headers,
      timestamp: time,
    };
    log.add(decodeMasterDataRecord(topics, consumed));
    return BigInt(offset);
  };
  const entry = <K extends MasterDataKind>(importId: string, kind: K, key: string, value: MasterDataEntry<K> | null) =>
    feed(createMasterDataRecord(topics, kind, key, value, importId, time));
  const marker = (importId: string, records: Partial<ImportMarker['records']>) =>
    feed(
      createImportMarkerRecord(topics, {
        importId,
        importedAt: time.toISOString(),
        source: 'test',
        basedOn: null,
        records: { municipalities: 0, authorities: 0, destinations: 0, routes: 0, codelists: 0, ...records },
        changes: { added: 0, changed: 0, removed: 0, repaired: 0 },
      }),
    );
  /** A complete, valid first import: one municipality with its two authorities, a destination and a route. */
  const seed = (importId = 'import-1') => {
    entry(importId, 'municipalities', '06411000', darmstadt);
    entry(importId, 'authorities', 'da-online', online);
    entry(importId, 'authorities', 'da-amt', amt);
    entry(importId, 'destinations', 'dms-a', dms('dms-a'));
    entry(importId, 'routes', '06411000/99050012104000', route('dms-a'));
    return marker(importId, { municipalities: 1, authorities: 2, destinations: 1, routes: 1 });
  };
  return { entry, marker, seed };
}

const applyReady = (log: MasterDataLog, committedBefore?: bigint) => log.apply(log.ready(committedBefore));
const routeOf = (data: MasterData) => data.routes.map((r) => r.destination);

describe('createMasterDataLog', () => {
  it('applies nothing of an import before its commit marker, then all of it at once', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.entry('import-1', 'municipalities', '06411000', darmstadt);
    feed.entry('import-1', 'authorities', 'da-online', online);
    expect(log.ready()).toEqual([]);
    expect(log.data()).toEqual({ municipalities: [], authorities: [], destinations: [], routes: [], codelists: [] });

    feed.marker('import-1', { municipalities: 1, authorities: 1 });
    expect(log.ready()).toEqual(['import-1']);
    const result = applyReady(log);
    expect(result.ok).toBe(true);
    expect(log.data().municipalities).toEqual([darmstadt]);
    expect(log.data().authorities).toEqual([online]);
    expect(log.lastImportId()).toBe('import-1');
  });

  it('waits for every record the marker counts when the marker arrives first (topics are fetched independently)', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.marker('import-1', { municipalities: 1, authorities: 1 });
    feed.entry('import-1', 'municipalities', '06411000', darmstadt);
    expect(log.ready()).toEqual([]);
    feed.entry('import-1', 'authorities', 'da-online', online);
    expect(log.ready()).toEqual(['import-1']);
  });

  it('never applies the records of an import that has no marker (the importer crashed), and reports their keys as stray', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.seed();
    expect(applyReady(log).ok).toBe(true);
    feed.entry('crashed', 'routes', '06411000/99050012104000', route('nowhere'));
    expect(log.ready(1000n)).toEqual([]);
    expect(routeOf(log.data())).toEqual(['dms-a']);
    expect(log.stray()).toEqual({ municipalities: [], authorities: [], destinations: [], routes: ['06411000/99050012104000'], codelists: [] });
  });

  it('refuses an import whose result fails the cross-check and keeps the previous master data', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.seed();
    applyReady(log);
    const before = log.data();
    feed.entry('bad', 'destinations', 'dms-a', null);
    feed.marker('bad', { destinations: 1 });
    const result = applyReady(log);
    expect(result).toEqual({ ok: false, problems: ['routes.yaml: entry #1 (06411000/99050012104000): field destination: unknown destination "dms-a"'] });
    expect(log.data()).toEqual(before);
    expect(log.lastImportId()).toBe('import-1');
    expect(log.stray().destinations).toEqual(['dms-a']);
  });

  it('refuses an import with a record that fails its schema, naming file, entry and field', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.seed();
    applyReady(log);
    feed.entry('bad', 'routes', '06411000/99050012104000', { ...route('dms-a'), serviceKey: '123' } as never);
    feed.marker('bad', { routes: 1 });
    const result = applyReady(log);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(/^routes\.yaml: entry 06411000\/99050012104000: field serviceKey: a Leistungsschlüssel has 14 digits/);
    expect(routeOf(log.data())).toEqual(['dms-a']);
  });

  it('changes and deletes entries, and lets the newest record of a key win even when imports complete out of order', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.seed();
    applyReady(log);
    // Import 2 writes first but its marker comes last; import 3 writes the same key later and completes first.
    feed.entry('import-2', 'destinations', 'dms-b', dms('dms-b'));
    feed.entry('import-2', 'routes', '06411000/99050012104000', route('dms-b'));
    feed.entry('import-3', 'destinations', 'dms-c', dms('dms-c', '3.0.0'));
    feed.entry('import-3', 'routes', '06411000/99050012104000', route('dms-c'));
    feed.entry('import-3', 'destinations', 'dms-a', null);
    feed.marker('import-3', { destinations: 2, routes: 1 });
    expect(applyReady(log).ok).toBe(true);
    feed.marker('import-2', { destinations: 1, routes: 1 });
    expect(applyReady(log).ok).toBe(true);
    expect(routeOf(log.data())).toEqual(['dms-c']);
    expect(log.data().destinations.map((d) => d.id)).toEqual(['dms-b', 'dms-c']);
    expect(log.lastImportId()).toBe('import-2');
  });

  it('at start-up applies the imports committed before the noted end even if compaction removed some of their records', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    // What is left of import 1 after compaction: its route was replaced by import 2.
    feed.entry('import-1', 'municipalities', '06411000', darmstadt);
    feed.entry('import-1', 'authorities', 'da-online', online);
    feed.entry('import-1', 'authorities', 'da-amt', amt);
    feed.entry('import-1', 'destinations', 'dms-a', dms('dms-a'));
    feed.marker('import-1', { municipalities: 1, authorities: 2, destinations: 1, routes: 1 });
    feed.entry('import-2', 'routes', '06411000/99050012104000', route('dms-a'));
    const importsEnd = feed.marker('import-2', { routes: 1 }) + 1n;
    expect(log.ready()).toEqual(['import-2']);
    expect(log.ready(importsEnd)).toEqual(['import-1', 'import-2']);
    const result = applyReady(log, importsEnd);
    expect(result.ok && routeOf(result.data)).toEqual(['dms-a']);
  });

  it('at start-up refuses again an import that was refused while running, and applies the imports after it', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.seed();
    feed.entry('bad', 'destinations', 'dms-a', null);
    feed.marker('bad', { destinations: 1 });
    feed.entry('import-3', 'destinations', 'dms-b', dms('dms-b'));
    const importsEnd = feed.marker('import-3', { destinations: 1 }) + 1n;
    const { data, refused } = log.applyCommitted(importsEnd);
    expect(refused).toEqual([{ importId: 'bad', problems: [expect.stringMatching(/unknown destination "dms-a"/)] }]);
    expect(data.destinations.map((d) => d.id)).toEqual(['dms-a', 'dms-b']);
    expect(log.lastImportId()).toBe('import-3');
    expect(log.stray().destinations).toEqual(['dms-a']);
  });

  it('ignores records written without an import id and says so', () => {
    const log = createMasterDataLog();
    const feed = feeder(log);
    feed.seed();
    applyReady(log);
    const record = createMasterDataRecord(topics, 'routes', '06411000/99050012104000', route('nowhere'), 'x', time);
    delete record.headers['amtsbote_import_id'];
    log.add(decodeMasterDataRecord(topics, { ...record, key: Buffer.from('06411000/99050012104000'), partition: 0, offset: '9', timestamp: time }));
    expect(log.drainWarnings()).toEqual([expect.stringMatching(/written without an import id/)]);
    expect(routeOf(log.data())).toEqual(['dms-a']);
  });
});

describe('decodeMasterDataRecord', () => {
  it('reads the marker of an import made before code lists were master data as counting none of them', () => {
    const marker = {
      importId: 'before-codelists',
      importedAt: time.toISOString(),
      source: 'test',
      basedOn: null,
      records: { municipalities: 1, authorities: 2, destinations: 1, routes: 1 },
      changes: { added: 5, changed: 0, removed: 0, repaired: 0 },
    };
    const record: ConsumedRecord = {
      topic: topics.imports,
      partition: 0,
      offset: '0',
      key: Buffer.from(marker.importId),
      value: Buffer.from(JSON.stringify(marker)),
      headers: {},
      timestamp: time,
    };
    expect(decodeMasterDataRecord(topics, record)).toMatchObject({ type: 'marker', marker: { records: { routes: 1, codelists: 0 } } });
  });
});
