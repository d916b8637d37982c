import { randomUUID } from 'node:crypto';
import { AmtsboteError } from '../errors.js';
import type { KafkaClient, OutgoingRecord } from '../kafka/types.js';
import { createLogger, type Logger } from '../logger.js';
import { countMasterDataDiff, diffMasterData, type MasterDataDiff } from './diff.js';
import { readMasterDataSnapshot } from './follow.js';
import type { RefusedImport } from './log-state.js';
import { loadMasterData, validateMasterData } from './load.js';
import { createImportMarkerRecord, createMasterDataRecord, type ImportMarker } from './records.js';
import type { MasterData } from './schema.js';
import { masterDataKeyOf, masterDataKinds, masterDataTopicsFor, perMasterDataKind, type MasterDataEntry, type MasterDataKind, type MasterDataTopics } from './topics.js';

/** What is in the topics before an import: the applied master data and the keys left over by unfinished imports. */
export interface MasterDataInTopics {
  data: MasterData;
  /** Keys whose newest record is not applied (an import that crashed before its marker, or a refused one). */
  stray: Record<MasterDataKind, string[]>;
  /** The newest applied import. */
  lastImportId: string | null;
}

/** The records one import writes, and its marker. */
export interface ImportPlan {
  importId: string;
  diff: MasterDataDiff;
  /** Keys rewritten only because an unfinished import left a record there. */
  repaired: number;
  /** Entry records (sets and tombstones), grouped by kind; empty when the topics already hold the data. */
  records: OutgoingRecord[];
  marker: ImportMarker;
}

/**
 * Plans an import: the entries to set, the tombstones for removed entries, and the stray keys to
 * rewrite, so that after the import the topics hold exactly `desired`. Pure; `importMasterData` writes it.
 */
export function planMasterDataImport(
  current: MasterDataInTopics,
  desired: MasterData,
  options: { topics: MasterDataTopics; source: string; importId?: string; now?: Date },
): ImportPlan {
  const importId = options.importId ?? randomUUID();
  const now = options.now ?? new Date();
  const diff = diffMasterData(current.data, desired);
  const records: OutgoingRecord[] = [];
  const counts = perMasterDataKind(() => 0);
  let repaired = 0;
  for (const kind of masterDataKinds) {
    const wanted = new Map<string, MasterDataEntry>((desired[kind] as MasterDataEntry[]).map((e) => [masterDataKeyOf(kind, e as never), e]));
    const writes = new Map<string, MasterDataEntry | null>();
    const d = diff[kind] as { added: { key: string }[]; changed: { key: string }[]; removed: { key: string }[] };
    for (const { key } of [...d.added, ...d.changed]) writes.set(key, wanted.get(key) ?? null);
    for (const { key } of d.removed) writes.set(key, null);
    for (const key of current.stray[kind]) {
      if (writes.has(key)) continue;
      writes.set(key, wanted.get(key) ?? null);
      repaired++;
    }
    for (const [key, entry] of writes) records.push(createMasterDataRecord(options.topics, kind, key, entry as never, importId, now));
    counts[kind] = writes.size;
  }
  const marker: ImportMarker = {
    importId,
    importedAt: now.toISOString(),
    source: options.source,
    basedOn: current.lastImportId,
    records: counts,
    changes: { ...countMasterDataDiff(diff), repaired },
  };
  return { importId, diff, repaired, records, marker };
}

/** Options of `importMasterData`, `exportMasterData` and `readMasterData`. */
export interface MasterDataTopicOptions {
  /** TOPIC_PREFIX. */
  prefix?: string;
  logger?: Logger;
  catchUpTimeoutMs?: number;
}

/** What an import did (or, on a dry run, would do). */
export interface ImportResult {
  /** The import's id; null when nothing had to be written. */
  importId: string | null;
  diff: MasterDataDiff;
  repaired: number;
  /** Entry records written (or that would be written). */
  records: number;
  dryRun: boolean;
}

const quiet = () => createLogger('amtsbote-masterdata', { level: 'silent' });

/** Reads what the topics hold now: applied master data, stray keys and the newest import. */
export async function readMasterData(
  kafka: KafkaClient,
  options: MasterDataTopicOptions & { purpose?: string } = {},
): Promise<MasterDataInTopics & { importsEnd: bigint; refused: RefusedImport[] }> {
  const topics = masterDataTopicsFor(options.prefix);
  const snapshot = await readMasterDataSnapshot(kafka, topics, {
    groupId: `amtsbote-masterdata-${options.purpose ?? 'read'}-${randomUUID()}`,
    logger: options.logger ?? quiet(),
    ...(options.catchUpTimeoutMs ? { catchUpTimeoutMs: options.catchUpTimeoutMs } : {}),
  });
  const { log, refused } = snapshot;
  return { data: log.data(), stray: log.stray(), lastImportId: log.lastImportId(), importsEnd: snapshot.importsEnd, refused };
}

/**
 * Imports master data into the compacted topics: validates it fully first (a folder as
 * `loadMasterData` does, or data as `validateMasterData` does, problems named by file, entry and
 * field), then writes only the differences to what the topics hold, deletions as tombstones, and
 * finally the import's commit marker. Readers apply the whole import or nothing.
 *
 * Refuses with AMTSBOTE_MASTERDATA_CONFLICT when another import finished in between; running it
 * again then imports against the new state.
 */
export async function importMasterData(
  kafka: KafkaClient,
  source: string | MasterData,
  options: MasterDataTopicOptions & { dryRun?: boolean; source?: string } = {},
): Promise<ImportResult> {
  const desired = typeof source === 'string' ? await loadMasterData(source) : validateMasterData(source);
  const topics = masterDataTopicsFor(options.prefix);
  const current = await readMasterData(kafka, { ...options, purpose: 'import' });
  const plan = planMasterDataImport(current, desired, {
    topics,
    source: options.source ?? (typeof source === 'string' ? source : 'program'),
  });
  const result = { importId: null, diff: plan.diff, repaired: plan.repaired, records: plan.records.length, dryRun: options.dryRun ?? false };
  if (options.dryRun || plan.records.length === 0) return result;

  const producer = kafka.producer();
  const admin = kafka.admin();
  await producer.connect();
  try {
    // One topic per send: kafkajs can lose records of multi-partition sends when a broker dies (docs/decisions/0001).
    for (const kind of masterDataKinds) await producer.send(plan.records.filter((r) => r.topic === topics[kind]));
    await admin.connect();
    try {
      const importsEnd = BigInt((await admin.endOffsets(topics.imports)).get(0) ?? '0');
      if (importsEnd !== current.importsEnd) {
        throw new AmtsboteError(
          'AMTSBOTE_MASTERDATA_CONFLICT',
          `another master-data import finished while import ${plan.importId} was being written; nothing was applied, run the import again`,
          { retriable: true },
        );
      }
    } finally {
      await admin.disconnect();
    }
    await producer.send([createImportMarkerRecord(topics, plan.marker)]);
  } finally {
    await producer.disconnect();
  }
  return { ...result, importId: plan.importId };
}

/**
 * The master data the topics hold now, as every service applies it, the import it comes from, and
 * the committed imports that readers refuse because they lead to invalid master data.
 */
export async function readAppliedMasterData(
  kafka: KafkaClient,
  options: MasterDataTopicOptions = {},
): Promise<{ data: MasterData; importId: string | null; refused: RefusedImport[] }> {
  const current = await readMasterData(kafka, { ...options, purpose: 'export' });
  return { data: current.data, importId: current.lastImportId, refused: current.refused };
}

/** The master data the topics hold now, as every service applies it, e.g. to write it as YAML files (`writeMasterDataFiles`). */
export async function exportMasterData(kafka: KafkaClient, options: MasterDataTopicOptions = {}): Promise<MasterData> {
  return (await readAppliedMasterData(kafka, options)).data;
}
