import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { toHeaders } from '../cloud-events.js';
import type { ConsumedRecord, OutgoingRecord } from '../kafka/types.js';
import { nextTraceparent } from '../trace-context.js';
import { masterDataFiles } from './schema.js';
import { masterDataKeyOf, masterDataKinds, perMasterDataKind, type MasterDataEntry, type MasterDataKind, type MasterDataTopics } from './topics.js';

/*
 * Record format of the master-data topics (all compacted, one partition each):
 *
 *   masterdata.<kind>.v1   key   = the entry's id (municipality: AGS; route: `<municipality>/<serviceKey>`; code list: URI)
 *                          value = the entry as JSON (UTF-8), exactly as validated; null (tombstone) = deleted
 *   masterdata.imports.v1  key   = the import id; value = the import's commit marker as JSON (ImportMarker)
 *
 * Every record carries the CloudEvents headers and `amtsbote_import_id`. Master data is not personal
 * data and is read by operators with any Kafka tool (kcat, kafka-console-consumer), so it is plain
 * JSON rather than Avro: readable without the registry, and still validated on both sides by the
 * same zod schemas that check the YAML files.
 *
 * Atomicity: an import first writes all its entry records and waits for their acknowledgement, then
 * writes its marker. Readers hold an import's records back until its marker and every record the
 * marker counts have arrived, and then apply them together; an import without a marker (the importer
 * crashed) is never applied, and the next import rewrites the keys it left behind.
 */

/** Header naming the import a master-data record belongs to. */
export const MASTERDATA_IMPORT_HEADER = 'amtsbote_import_id';

/** The commit marker of one import: once it is in `masterdata.imports.v1`, the import is complete. */
export interface ImportMarker {
  importId: string;
  /** ISO 8601 time of the import. */
  importedAt: string;
  /** Where the data came from, e.g. the folder an operator imported. */
  source: string;
  /** The last import the importer had read when it planned this one; null when the topics were empty. */
  basedOn: string | null;
  /** How many records of each kind the import wrote: a reader applies the import once it has them all. */
  records: Record<MasterDataKind, number>;
  /** What the import changed, for the import history. */
  changes: { added: number; changed: number; removed: number; repaired: number };
}

const count = z.number().int().min(0);
const markerSchema = z.object({
  importId: z.string().min(1),
  importedAt: z.string(),
  source: z.string(),
  basedOn: z.string().nullable(),
  // A marker written before a kind existed counts none of it: that import wrote none.
  records: z.object(perMasterDataKind(() => count.default(0))),
  changes: z.object({ added: count, changed: count, removed: count, repaired: count }),
});

const SOURCE = 'amtsbote/masterdata-import';

function headers(type: string, subject: string, importId: string, time: Date, json: boolean) {
  const h = toHeaders(
    { id: randomUUID(), type, source: SOURCE, subject, time, correlationId: importId, causationId: importId, traceparent: nextTraceparent(undefined) },
    { 'content-type': 'application/json', [MASTERDATA_IMPORT_HEADER]: importId },
  );
  // A tombstone has no content to describe.
  if (!json) delete h['content-type'];
  return h;
}

/** The record that sets (entry) or deletes (null) one entry, as part of an import. */
export function createMasterDataRecord<K extends MasterDataKind>(
  topics: MasterDataTopics,
  kind: K,
  key: string,
  entry: MasterDataEntry<K> | null,
  importId: string,
  time: Date,
): OutgoingRecord {
  return {
    topic: topics[kind],
    key,
    value: entry === null ? null : Buffer.from(JSON.stringify(entry), 'utf8'),
    headers: headers(`de.amtsbote.masterdata.${kind}.v1`, key, importId, time, entry !== null),
  };
}

/** The commit marker record of an import; written only after all its entry records are acknowledged. */
export function createImportMarkerRecord(topics: MasterDataTopics, marker: ImportMarker): OutgoingRecord {
  return {
    topic: topics.imports,
    key: marker.importId,
    value: Buffer.from(JSON.stringify(marker), 'utf8'),
    headers: headers('de.amtsbote.masterdata.import.v1', marker.importId, marker.importId, new Date(marker.importedAt), true),
  };
}

/** A master-data record as read back: an entry (or its deletion), a marker, or something unreadable. */
export type MasterDataRecord =
  | {
      type: 'entry';
      kind: MasterDataKind;
      key: string;
      offset: bigint;
      /** null: written without an import (e.g. by hand); such a record is never applied. */
      importId: string | null;
      /** null: deleted (tombstone). */
      entry: MasterDataEntry | null;
      /** Why the record cannot be used, named by file, entry and field; an import containing it is refused. */
      problem?: string;
    }
  | { type: 'marker'; offset: bigint; marker: ImportMarker }
  | { type: 'unreadable'; topic: string; offset: bigint; problem: string };

/** Decodes and validates one record of a master-data topic. */
export function decodeMasterDataRecord(topics: MasterDataTopics, record: ConsumedRecord): MasterDataRecord {
  const offset = BigInt(record.offset);
  const where = `${record.topic}@${record.offset}`;
  if (record.topic === topics.imports) {
    try {
      const marker = markerSchema.parse(JSON.parse(record.value?.toString('utf8') ?? 'null'));
      return { type: 'marker', offset, marker };
    } catch (err) {
      return { type: 'unreadable', topic: record.topic, offset, problem: `${where}: not an import marker (${(err as Error).message.split('\n')[0]})` };
    }
  }
  const kind = masterDataKinds.find((k) => topics[k] === record.topic);
  if (!kind) return { type: 'unreadable', topic: record.topic, offset, problem: `${where}: not a master-data topic` };
  const { file, schema } = masterDataFiles[kind];
  const importId = record.headers[MASTERDATA_IMPORT_HEADER] ?? null;
  const key = record.key?.toString('utf8');
  if (!key) return { type: 'unreadable', topic: record.topic, offset, problem: `${where}: record without a key` };
  const base = { type: 'entry' as const, kind, key, offset, importId };
  if (record.value === null) return { ...base, entry: null };
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch {
    return { ...base, entry: null, problem: `${file}: entry ${key}: not JSON (${where})` };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `field ${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
    return { ...base, entry: null, problem: `${file}: entry ${key}: ${issues} (${where})` };
  }
  const entry = result.data as MasterDataEntry;
  const expected = masterDataKeyOf(kind, entry as never);
  if (expected !== key) return { ...base, entry: null, problem: `${file}: entry ${key}: field key: the record's key should be "${expected}" (${where})` };
  return { ...base, entry };
}
