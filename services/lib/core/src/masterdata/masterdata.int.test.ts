import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkajsClient } from '../kafka/kafkajs-client.js';
import type { KafkaClient } from '../kafka/types.js';
import { createLogger } from '../logger.js';
import { applyTopics } from '../topics/apply-topics.js';
import { isEmptyMasterDataDiff, diffMasterData } from './diff.js';
import { exportMasterData, importMasterData } from './import.js';
import { loadMasterData } from './load.js';
import { createImportMarkerRecord, createMasterDataRecord } from './records.js';
import { masterDataKinds, masterDataTopicsFor } from './topics.js';
import { createMasterDataView, type MasterDataChange, type MasterDataRefusal, type MasterDataView } from './view.js';

// Provided by scripts/testing/global-setup.ts (declared for every package in services/lib/testing).
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
// The frozen copy of the seed: the expectations below count its entries.
const seedDir = fileURLToPath(new URL('./__fixtures__/pilot-seed/', import.meta.url));
const darmstadt = { ags: '06411000', ars: null };
const GEWERBE = '99050012104000';

/** A copy of the seed folder with one file's text edited. */
async function editedSeed(file: string, from: string | RegExp, to: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'masterdata-edit-'));
  await cp(seedDir, dir, { recursive: true });
  const text = await readFile(join(dir, file), 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${file}: nothing to edit`);
  await writeFile(join(dir, file), edited);
  return dir;
}

function next<T>(subscribe: (listener: (event: T) => void) => () => void, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing within ${timeoutMs} ms`)), timeoutMs);
    const off = subscribe((event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

describe('master data in compacted topics, against the real broker', () => {
  const prefix = `test-masterdata-${randomUUID().slice(0, 8)}.`;
  const topics = masterDataTopicsFor(prefix);
  const logger = createLogger('test-masterdata', { level: process.env['LOG_LEVEL'] ?? 'warn' });
  let kafka: KafkaClient;
  const views: MasterDataView[] = [];
  const startView = async () => {
    const view = createMasterDataView(kafka, { prefix, logger });
    views.push(view);
    await view.start();
    return view;
  };

  beforeAll(async () => {
    kafka = createKafkajsClient({ brokers: inject('kafkaBrokers').split(','), clientId: 'test-masterdata', logger });
    await applyTopics(kafka.admin(), join(repoRoot, 'infra/topics.yaml'), { prefix });
  });

  afterAll(async () => {
    for (const view of views) await view.stop();
  });

  it('creates the master-data topics compacted and never deleted by age', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const configs = await admin.describeTopicConfigs(Object.values(topics));
      for (const name of Object.values(topics)) expect(configs.get(name), name).toMatchObject({ 'cleanup.policy': 'compact', 'retention.ms': '-1' });
    } finally {
      await admin.disconnect();
    }
  });

  it('imports the seed; a view started afterwards routes by it, and an export gives the seed back', async () => {
    const result = await importMasterData(kafka, seedDir, { prefix });
    expect(result).toMatchObject({ importId: expect.any(String), records: 50 });
    const view = await startView();
    expect(view.importId()).toBe(result.importId);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('darmstadt-gewerbe-dms');
    expect(view.router().route({ ags: '06432009', ars: null }, GEWERBE)?.destination.standard).toEqual({ name: 'xdomea', version: '3.0.0' });
    expect(isEmptyMasterDataDiff(diffMasterData(await exportMasterData(kafka, { prefix }), await loadMasterData(seedDir)))).toBe(true);
    expect(await importMasterData(kafka, seedDir, { prefix })).toMatchObject({ importId: null, records: 0 });
  });

  it('switches the router of a running view when an edited copy is imported, without a restart', async () => {
    const view = views[0]!;
    const changed = next<MasterDataChange>((l) => view.onChange(l));
    const dir = await editedSeed('routes.yaml', 'destination: darmstadt-gewerbe-dms', 'destination: rossdorf-dms');
    const result = await importMasterData(kafka, dir, { prefix });
    expect(result.records).toBe(1);

    const change = await changed;
    expect(change.importId).toBe(result.importId);
    expect(change.diff.routes.changed.map((c) => [c.key, c.after.destination])).toEqual([[`06411000/${GEWERBE}`, 'rossdorf-dms']]);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('rossdorf-dms');

    // A view that starts now, from the compacted log, sees what the running one applied live.
    const restarted = await startView();
    expect(restarted.importId()).toBe(result.importId);
    expect(restarted.data()).toEqual(view.data());
  });

  it('refuses invalid data before writing anything, naming file, entry and field; the view is unchanged', async () => {
    const view = views[0]!;
    const before = { importId: view.importId(), data: view.data() };
    const admin = kafka.admin();
    await admin.connect();
    const ends = async () => Promise.all([...masterDataKinds.map((k) => topics[k]), topics.imports].map((t) => admin.endOffsets(t)));
    try {
      const offsets = await ends();
      const dir = await editedSeed('routes.yaml', 'destination: fischbachtal-dms', 'destination: fischbachtal-dms-alt');
      await expect(importMasterData(kafka, dir, { prefix })).rejects.toThrow(
        /routes\.yaml: entry #2 \(06432007\/99050012104000\): field destination: unknown destination "fischbachtal-dms-alt"/,
      );
      const malformed = await editedSeed('municipalities.yaml', 'ags: "06432013"', 'ags: "6432013"');
      await expect(importMasterData(kafka, malformed, { prefix })).rejects.toThrow(/municipalities\.yaml: entry #4: field ags: an AGS has 8 digits/);
      expect(await ends()).toEqual(offsets);
    } finally {
      await admin.disconnect();
    }
    expect({ importId: view.importId(), data: view.data() }).toEqual(before);
  });

  it('refuses an invalid import that reached the topics past the importer, and keeps the router in force', async () => {
    const view = views[0]!;
    const before = view.importId();
    const refused = next<MasterDataRefusal>((l) => view.onRefused(l));
    const producer = kafka.producer();
    await producer.connect();
    try {
      // Deletes the authority that Roßdorf's destination (in force for Darmstadt's route) belongs to.
      await producer.send([createMasterDataRecord(topics, 'authorities', 'rossdorf-ordnungsamt', null, 'by-hand', new Date())]);
      await producer.send([
        createImportMarkerRecord(topics, {
          importId: 'by-hand',
          importedAt: new Date().toISOString(),
          source: 'kafka-console-producer',
          basedOn: before,
          records: { municipalities: 0, authorities: 1, destinations: 0, routes: 0, codelists: 0 },
          changes: { added: 0, changed: 0, removed: 1, repaired: 0 },
        }),
      ]);
    } finally {
      await producer.disconnect();
    }
    expect(await refused).toEqual({
      importId: 'by-hand',
      problems: ['destinations.yaml: entry rossdorf-dms: field authority: unknown authority "rossdorf-ordnungsamt"'],
    });
    expect(view.importId()).toBe(before);
    expect(view.router().route(darmstadt, GEWERBE)?.recipient.id).toBe('rossdorf-ordnungsamt');

    // A view starting now refuses it too, and starts with the master data in force.
    const restarted = await startView();
    expect({ importId: restarted.importId(), data: restarted.data() }).toEqual({ importId: before, data: view.data() });

    // The next import (back to the seed) rewrites the key the refused one left behind.
    const repair = await importMasterData(kafka, seedDir, { prefix });
    expect(repair).toMatchObject({ repaired: 1, records: 2 });
    expect(repair.diff.routes.changed.map((c) => c.key)).toEqual([`06411000/${GEWERBE}`]);
    await expect.poll(() => view.importId(), { timeout: 60_000 }).toBe(repair.importId);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('darmstadt-gewerbe-dms');
  });
});
