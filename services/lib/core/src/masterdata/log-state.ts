import { crossCheck } from './load.js';
import type { ImportMarker, MasterDataRecord } from './records.js';
import type { MasterData } from './schema.js';
import { masterDataKinds, perMasterDataKind, type MasterDataEntry, type MasterDataKind } from './topics.js';

interface Held {
  offset: bigint;
  importId: string | null;
  /** null: deleted. */
  entry: MasterDataEntry | null;
  problem?: string;
}

type Table = Record<MasterDataKind, Map<string, Held>>;

const emptyTable = (): Table => perMasterDataKind(() => new Map());

/** The outcome of applying imports: the new master data, or why it was refused (the old one stays). */
export type ApplyResult = { ok: true; data: MasterData } | { ok: false; problems: string[] };

/** An import that was not applied because the master data it leads to is invalid. */
export interface RefusedImport {
  importId: string;
  /** Named by file, entry and field. */
  problems: string[];
}

/**
 * The master data as the compacted topics describe it, fed record by record. Pure and synchronous,
 * so the rules that make imports atomic are tested without a broker:
 *
 * - an entry record is held back until its import is applied; records of imports without a marker
 *   are never applied;
 * - imports are applied together, on a copy, and the result is cross-checked: if it is invalid,
 *   nothing changes (the import is refused);
 * - per key, the record with the highest offset wins, so applying imports in any order gives the state
 *   a reader starting from the beginning would compute.
 */
export interface MasterDataLog {
  add(record: MasterDataRecord): void;
  /**
   * Imports that can be applied now, oldest marker first: those whose marker and every record the
   * marker counts have arrived, and, with `committedBefore`, every import whose marker lies before that
   * offset of the imports topic even if some of its records are gone. Compaction removes the records a
   * later import replaced, so a reader starting from the beginning uses this for what it read up to
   * the end offsets it noted at start (imports topic first, so those imports' records are included).
   */
  ready(committedBefore?: bigint): string[];
  /** Applies imports together on top of the current state, or changes nothing and says why. */
  apply(importIds: string[]): ApplyResult;
  /**
   * At start-up: applies every import committed before `committedBefore` (see `ready`), together,
   * because compaction leaves only the newest record per key and older imports cannot be replayed one
   * by one. If that state is invalid because a reader running at the time refused an import, the
   * newest imports are set aside until the rest is valid and then applied one at a time, so those
   * refused live are refused again. The result is always valid.
   */
  applyCommitted(committedBefore: bigint): { data: MasterData; refused: RefusedImport[] };
  /** The applied master data, entries in the order they were written. */
  data(): MasterData;
  /** The newest applied import, or null before the first. */
  lastImportId(): string | null;
  /** The marker of an import, if read. */
  marker(importId: string): ImportMarker | undefined;
  /** Keys whose newest record is not part of the applied state: left by an unfinished or refused import, or written by hand. */
  stray(): Record<MasterDataKind, string[]>;
  /** Problems with records that belong to no import or cannot be read; for logs. */
  drainWarnings(): string[];
}

/** Creates an empty master-data log. */
export function createMasterDataLog(): MasterDataLog {
  let applied = emptyTable();
  const newest = perMasterDataKind(() => new Map<string, bigint>());
  const pending = new Map<string, { kind: MasterDataKind; key: string; held: Held }[]>();
  const markers = new Map<string, { offset: bigint; marker: ImportMarker }>();
  const settled = new Set<string>();
  let lastImport: { id: string; offset: bigint } | null = null;
  let warnings: string[] = [];

  const toData = (table: Table): MasterData =>
    perMasterDataKind((kind) =>
      [...table[kind].values()]
        .filter((h) => h.entry !== null)
        .sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0))
        .map((h) => h.entry),
    ) as MasterData;

  const isComplete = (importId: string, marker: ImportMarker) => {
    const records = pending.get(importId) ?? [];
    return masterDataKinds.every((kind) => new Set(records.filter((r) => r.kind === kind).map((r) => r.key)).size === marker.records[kind]);
  };

  /** The state after applying imports on a copy, and what is wrong with it; changes nothing. */
  const evaluate = (importIds: string[]) => {
    const candidate = emptyTable();
    for (const kind of masterDataKinds) for (const [key, held] of applied[kind]) candidate[kind].set(key, held);
    const problems: string[] = [];
    for (const id of importIds) {
      for (const { kind, key, held } of pending.get(id) ?? []) {
        if (held.problem) {
          problems.push(held.problem);
          continue;
        }
        const current = candidate[kind].get(key);
        if (!current || held.offset > current.offset) candidate[kind].set(key, held);
      }
    }
    const data = toData(candidate);
    if (problems.length === 0) problems.push(...crossCheck(data));
    return { candidate, data, problems };
  };

  const settle = (importIds: string[]) => {
    for (const id of importIds) {
      settled.add(id);
      pending.delete(id);
    }
  };

  const commit = (importIds: string[], candidate: Table) => {
    applied = candidate;
    for (const id of importIds) {
      const offset = markers.get(id)?.offset ?? -1n;
      if (!lastImport || offset > lastImport.offset) lastImport = { id, offset };
    }
  };

  const ready = (committedBefore?: bigint): string[] =>
    [...markers]
      .filter(([id]) => !settled.has(id))
      .sort(([, a], [, b]) => (a.offset < b.offset ? -1 : 1))
      .filter(([id, { offset, marker }]) => (committedBefore !== undefined && offset < committedBefore) || isComplete(id, marker))
      .map(([id]) => id);

  const apply = (importIds: string[]): ApplyResult => {
    const { candidate, data, problems } = evaluate(importIds);
    settle(importIds);
    if (problems.length > 0) return { ok: false, problems };
    commit(importIds, candidate);
    return { ok: true, data };
  };

  return {
    add(record) {
      if (record.type === 'unreadable') {
        warnings.push(record.problem);
        return;
      }
      if (record.type === 'marker') {
        if (!markers.has(record.marker.importId)) markers.set(record.marker.importId, { offset: record.offset, marker: record.marker });
        return;
      }
      const { kind, key, offset, importId, entry, problem } = record;
      const seen = newest[kind].get(key);
      if (seen === undefined || offset > seen) newest[kind].set(key, offset);
      if (importId === null) {
        warnings.push(`${kind}: entry ${key}: written without an import id (offset ${offset}); ignored`);
        return;
      }
      if (settled.has(importId)) {
        warnings.push(`${kind}: entry ${key}: belongs to import ${importId}, which is already settled (offset ${offset}); ignored`);
        return;
      }
      const records = pending.get(importId) ?? [];
      records.push({ kind, key, held: { offset, importId, entry, ...(problem ? { problem } : {}) } });
      pending.set(importId, records);
    },

    ready,
    apply,

    applyCommitted(committedBefore) {
      const ids = ready(committedBefore);
      let valid = ids.length;
      let attempt = evaluate(ids);
      while (attempt.problems.length > 0 && valid > 0) attempt = evaluate(ids.slice(0, --valid));
      settle(ids.slice(0, valid));
      commit(ids.slice(0, valid), attempt.candidate);
      const refused: RefusedImport[] = [];
      for (const importId of ids.slice(valid)) {
        const result = apply([importId]);
        if (!result.ok) refused.push({ importId, problems: result.problems });
      }
      return { data: toData(applied), refused };
    },

    data: () => toData(applied),
    lastImportId: () => lastImport?.id ?? null,
    marker: (importId) => markers.get(importId)?.marker,

    stray: () =>
      perMasterDataKind((kind) => [...newest[kind]].filter(([key, offset]) => offset > (applied[kind].get(key)?.offset ?? -1n)).map(([key]) => key)),

    drainWarnings() {
      const out = warnings;
      warnings = [];
      return out;
    },
  };
}
