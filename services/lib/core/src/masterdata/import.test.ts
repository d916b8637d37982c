import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Admin, ConsumedRecord, Consumer, KafkaClient, OutgoingRecord, Producer } from '../kafka/types.js';
import { importMasterData, exportMasterData, planMasterDataImport, type MasterDataInTopics } from './import.js';
import { loadMasterData } from './load.js';
import { createImportMarkerRecord, createMasterDataRecord } from './records.js';
import type { MasterData } from './schema.js';
import { masterDataKinds, masterDataTopicsFor } from './topics.js';
import { createMasterDataView, type MasterDataChange, type MasterDataView } from './view.js';

const seedDir = fileURLToPath(new URL('./__fixtures__/pilot-seed/', import.meta.url));
const prefix = 'unit.';
const topics = masterDataTopicsFor(prefix);
const darmstadt = { ags: '06411000', ars: null };
const GEWERBE = '99050012104000';
const COUNTRY_CODES = 'urn:xoev-de:kosit:codeliste:country-codes';

/**
 * Topics in memory behind the Kafka interface: one partition each, consumers poll every few
 * milliseconds and, as with the real client, get the same records again until they commit.
 */
function createMemoryKafka(): KafkaClient & { logs: Map<string, ConsumedRecord[]>; onSend?: (records: OutgoingRecord[]) => void } {
  const logs = new Map<string, ConsumedRecord[]>(Object.values(topics).map((t) => [t, []]));
  const append = (r: OutgoingRecord) => {
    const log = logs.get(r.topic);
    if (!log) throw new Error(`no topic ${r.topic}`);
    log.push({ topic: r.topic, partition: 0, offset: String(log.length), key: r.key === null ? null : Buffer.from(r.key), value: r.value, headers: r.headers, timestamp: new Date() });
  };
  const kafka = {
    logs,
    onSend: undefined as ((records: OutgoingRecord[]) => void) | undefined,
    producer(): Producer {
      return {
        connect: async () => {},
        disconnect: async () => {},
        async send(records) {
          kafka.onSend?.(records);
          records.forEach(append);
        },
      };
    },
    consumer(): Consumer {
      let subscribed: string[] = [];
      let timer: NodeJS.Timeout | undefined;
      const positions = new Map<string, number>();
      return {
        connect: async () => {},
        subscribe: async (names) => {
          subscribed = names;
        },
        on: () => {},
        async run({ eachBatch }) {
          let busy = false;
          timer = setInterval(async () => {
            if (busy) return;
            busy = true;
            for (const topic of subscribed) {
              const records = logs.get(topic)!.slice(positions.get(topic) ?? 0);
              if (records.length === 0) continue;
              await eachBatch(
                { topic, partition: 0, records },
                { heartbeat: async () => {}, isStale: () => false, commit: async (next) => void positions.set(topic, Number(next)) },
              );
            }
            busy = false;
          }, 2);
        },
        disconnect: async () => clearInterval(timer),
      };
    },
    admin(): Admin {
      const unused = async () => {
        throw new Error('not used');
      };
      return {
        connect: async () => {},
        disconnect: async () => {},
        listTopics: async () => [...logs.keys()],
        endOffsets: async (topic) => new Map([[0, String(logs.get(topic)?.length ?? 0)]]),
        startOffsets: async () => new Map([[0, '0']]),
        createTopics: unused,
        describeTopicConfigs: unused,
        alterTopicConfigs: unused,
        partitionCounts: unused,
        createPartitions: unused,
        offsetsForTime: unused,
        groupState: unused,
        groupOffsets: unused,
        setGroupOffsets: unused,
        deleteGroup: unused,
      };
    },
  };
  return kafka;
}

/** A logger whose lines a test can read. */
function capturedLogger() {
  const lines: { level: number; msg: string; importId?: string; problems?: string[] }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const withRoute = (data: MasterData, ags: string, destination: string): MasterData => ({
  ...data,
  routes: data.routes.map((r) => (r.municipality === ags ? { ...r, destination } : r)),
});

const nextChange = (view: MasterDataView) =>
  new Promise<MasterDataChange>((resolve) => {
    const off = view.onChange((change) => {
      off();
      resolve(change);
    });
  });

const eventually = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('planMasterDataImport', () => {
  const empty: MasterDataInTopics = {
    data: { municipalities: [], authorities: [], destinations: [], routes: [], codelists: [] },
    stray: { municipalities: [], authorities: [], destinations: [], routes: [], codelists: [] },
    lastImportId: null,
  };

  it('writes every entry into empty topics, keyed by id, as JSON, with the import id, and counts them in the marker', async () => {
    const seed = await loadMasterData(seedDir);
    const plan = planMasterDataImport(empty, seed, { topics, source: 'infra/masterdata', importId: 'i-1' });
    expect(plan.records.map((r) => `${r.topic} ${String(r.key)}`)).toContain(`${topics.routes} 06411000/${GEWERBE}`);
    const route = plan.records.find((r) => r.key === `06411000/${GEWERBE}`)!;
    expect(JSON.parse(route.value!.toString('utf8'))).toEqual(seed.routes[0]);
    expect(route.headers).toMatchObject({ amtsbote_import_id: 'i-1', 'content-type': 'application/json', ce_type: 'de.amtsbote.masterdata.routes.v1', ce_subject: `06411000/${GEWERBE}` });
    expect(plan.marker).toMatchObject({
      importId: 'i-1',
      basedOn: null,
      records: { municipalities: 6, authorities: 12, destinations: 6, routes: 6, codelists: 20 },
      changes: { added: 50, changed: 0, removed: 0, repaired: 0 },
    });
  });

  it('writes only what changed, deletions as tombstones, and rewrites keys an unfinished import left behind', async () => {
    const seed = await loadMasterData(seedDir);
    const current: MasterDataInTopics = { data: seed, stray: { ...empty.stray, destinations: ['modautal-dms', 'never-committed'] }, lastImportId: 'i-1' };
    const desired = withRoute({ ...seed, routes: seed.routes.filter((r) => r.municipality !== '06432020') }, '06411000', 'fischbachtal-dms');
    const plan = planMasterDataImport(current, desired, { topics, source: 'test', importId: 'i-2' });
    expect(plan.records.map((r) => [r.topic, r.key, r.value === null ? null : JSON.parse(r.value.toString()).destination ?? JSON.parse(r.value.toString()).id])).toEqual([
      [topics.destinations, 'modautal-dms', 'modautal-dms'],
      [topics.destinations, 'never-committed', null],
      [topics.routes, `06411000/${GEWERBE}`, 'fischbachtal-dms'],
      [topics.routes, `06432020/${GEWERBE}`, null],
    ]);
    expect(plan.marker).toMatchObject({ basedOn: 'i-1', records: { destinations: 2, routes: 2 }, changes: { added: 0, changed: 1, removed: 1, repaired: 2 } });
  });

  it('writes nothing when the topics already hold the data', async () => {
    const seed = await loadMasterData(seedDir);
    expect(planMasterDataImport({ ...empty, data: seed }, seed, { topics, source: 'test' }).records).toEqual([]);
  });
});

describe('importMasterData and the master-data view (topics in memory)', () => {
  let view: MasterDataView | undefined;
  afterEach(async () => {
    await view?.stop();
    view = undefined;
  });

  it('imports the seed, and a view started afterwards routes by it', async () => {
    const kafka = createMemoryKafka();
    const result = await importMasterData(kafka, seedDir, { prefix });
    expect(result).toMatchObject({ importId: expect.any(String), records: 50, dryRun: false });
    expect(kafka.logs.get(topics.imports)).toHaveLength(1);
    view = createMasterDataView(kafka, { prefix, logger: capturedLogger().logger });
    await view.start();
    expect(view.importId()).toBe(result.importId);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('darmstadt-gewerbe-dms');
    expect(await exportMasterData(kafka, { prefix })).toEqual(await loadMasterData(seedDir));
  });

  it('refuses invalid data before touching the topics, naming file, entry and field', async () => {
    const kafka = createMemoryKafka();
    const seed = await loadMasterData(seedDir);
    const broken = { ...seed, routes: [...seed.routes, { municipality: '06432007', serviceKey: '12', destination: 'fischbachtal-dms' }] } as MasterData;
    await expect(importMasterData(kafka, broken, { prefix })).rejects.toThrow(/routes\.yaml: entry #7: field serviceKey: a Leistungsschlüssel has 14 digits/);
    const dangling = withRoute(seed, '06432013', 'no-such-dms');
    await expect(importMasterData(kafka, dangling, { prefix })).rejects.toThrow(
      /routes\.yaml: entry #4 \(06432013\/99050012104000\): field destination: unknown destination "no-such-dms"/,
    );
    for (const log of kafka.logs.values()) expect(log).toEqual([]);
  });

  it('changes the router of a running view when an import changes a route, without a restart', async () => {
    const kafka = createMemoryKafka();
    await importMasterData(kafka, seedDir, { prefix });
    view = createMasterDataView(kafka, { prefix, logger: capturedLogger().logger });
    await view.start();
    const changed = nextChange(view);
    const second = await importMasterData(kafka, withRoute(await loadMasterData(seedDir), '06411000', 'rossdorf-dms'), { prefix });
    expect(second.records).toBe(1);
    const change = await changed;
    expect(change.importId).toBe(second.importId);
    expect(change.diff.routes.changed.map((c) => c.key)).toEqual([`06411000/${GEWERBE}`]);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('rossdorf-dms');
  });

  it('puts a new code list version in force in a running view, without a restart', async () => {
    const kafka = createMemoryKafka();
    await importMasterData(kafka, seedDir, { prefix });
    view = createMasterDataView(kafka, { prefix, logger: capturedLogger().logger });
    await view.start();
    const dms = view.router().destination('darmstadt-gewerbe-dms')!;
    expect(view.router().codeListVersion(COUNTRY_CODES, dms)).toBe('7');
    const changed = nextChange(view);
    const seed = await loadMasterData(seedDir);
    const newVersion = { ...seed, codelists: seed.codelists.map((c) => (c.uri === COUNTRY_CODES ? { ...c, version: '8' } : c)) };
    expect(await importMasterData(kafka, newVersion, { prefix })).toMatchObject({ records: 1 });
    expect((await changed).diff.codelists.changed.map((c) => [c.key, c.fields])).toEqual([[COUNTRY_CODES, ['version']]]);
    expect(view.router().codeListVersion(COUNTRY_CODES, dms)).toBe('8');
  });

  it('keeps the previous router and logs the problems when an import in the topics is invalid', async () => {
    const kafka = createMemoryKafka();
    const first = await importMasterData(kafka, seedDir, { prefix });
    const { logger, lines } = capturedLogger();
    view = createMasterDataView(kafka, { prefix, logger });
    await view.start();
    // Written past the importer (another tool, an older version): deletes a destination a route still uses.
    const producer = kafka.producer();
    await producer.send([createMasterDataRecord(topics, 'destinations', 'darmstadt-gewerbe-dms', null, 'bad', new Date())]);
    await producer.send([
      createImportMarkerRecord(topics, {
        importId: 'bad',
        importedAt: new Date().toISOString(),
        source: 'by hand',
        basedOn: first.importId,
        records: { municipalities: 0, authorities: 0, destinations: 1, routes: 0, codelists: 0 },
        changes: { added: 0, changed: 0, removed: 1, repaired: 0 },
      }),
    ]);
    await eventually(() => lines.some((l) => l.importId === 'bad'));
    const refused = lines.find((l) => l.importId === 'bad')!;
    expect(refused.level).toBe(50);
    expect(refused.problems).toEqual(['routes.yaml: entry #1 (06411000/99050012104000): field destination: unknown destination "darmstadt-gewerbe-dms"']);
    expect(view.importId()).toBe(first.importId);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('darmstadt-gewerbe-dms');
  });

  it('applies nothing of an import whose importer died before the marker, and the next import repairs the keys it left', async () => {
    const kafka = createMemoryKafka();
    const first = await importMasterData(kafka, seedDir, { prefix });
    await kafka
      .producer()
      .send([createMasterDataRecord(topics, 'routes', `06411000/${GEWERBE}`, { municipality: '06411000', serviceKey: GEWERBE, destination: 'modautal-dms' }, 'crashed', new Date())]);
    view = createMasterDataView(kafka, { prefix, logger: capturedLogger().logger });
    await view.start();
    expect(view.importId()).toBe(first.importId);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('darmstadt-gewerbe-dms');

    const repair = await importMasterData(kafka, seedDir, { prefix });
    expect(repair).toMatchObject({ repaired: 1, records: 1 });
    await eventually(() => view!.importId() === repair.importId);
    expect(view.router().route(darmstadt, GEWERBE)?.destination.id).toBe('darmstadt-gewerbe-dms');
  });

  it('does not commit an import when another one finished meanwhile', async () => {
    const kafka = createMemoryKafka();
    await importMasterData(kafka, seedDir, { prefix });
    let raced = false;
    kafka.onSend = (records) => {
      if (raced || records[0]?.topic === topics.imports) return;
      raced = true;
      kafka.logs.get(topics.imports)!.push({ ...kafka.logs.get(topics.imports)![0]!, offset: String(kafka.logs.get(topics.imports)!.length) });
    };
    await expect(importMasterData(kafka, withRoute(await loadMasterData(seedDir), '06411000', 'rossdorf-dms'), { prefix })).rejects.toMatchObject({
      code: 'AMTSBOTE_MASTERDATA_CONFLICT',
      retriable: true,
    });
    expect(kafka.logs.get(topics.imports)).toHaveLength(2);
  });

  it('writes nothing on a dry run, and nothing when nothing changed', async () => {
    const kafka = createMemoryKafka();
    expect(await importMasterData(kafka, seedDir, { prefix, dryRun: true })).toMatchObject({ importId: null, records: 50, dryRun: true });
    for (const kind of [...masterDataKinds, 'imports' as const]) expect(kafka.logs.get(topics[kind])).toEqual([]);
    await importMasterData(kafka, seedDir, { prefix });
    expect(await importMasterData(kafka, seedDir, { prefix })).toMatchObject({ importId: null, records: 0 });
    expect(kafka.logs.get(topics.imports)).toHaveLength(1);
  });

  it('refuses to start without master data, and with invalid master data in the topics', async () => {
    const kafka = createMemoryKafka();
    view = createMasterDataView(kafka, { prefix, logger: capturedLogger().logger });
    await expect(view.start()).rejects.toMatchObject({ code: 'AMTSBOTE_MASTERDATA_UNAVAILABLE', message: expect.stringMatching(/amtsbote masterdata import/) });

    await kafka.producer().send([createMasterDataRecord(topics, 'routes', `06411000/${GEWERBE}`, { municipality: '06411000', serviceKey: GEWERBE, destination: 'x' }, 'i', new Date())]);
    await kafka.producer().send([
      createImportMarkerRecord(topics, {
        importId: 'i',
        importedAt: new Date().toISOString(),
        source: 'by hand',
        basedOn: null,
        records: { municipalities: 0, authorities: 0, destinations: 0, routes: 1, codelists: 0 },
        changes: { added: 1, changed: 0, removed: 0, repaired: 0 },
      }),
    ]);
    view = createMasterDataView(kafka, { prefix, logger: capturedLogger().logger });
    await expect(view.start()).rejects.toThrow(/routes\.yaml: entry #1 \(06411000\/99050012104000\): field municipality: unknown AGS or ARS "06411000"/);
  });
});
