import type { MasterData } from './schema.js';
import { masterDataFiles } from './schema.js';
import { masterDataKeyOf, masterDataKinds, perMasterDataKind, type MasterDataEntry, type MasterDataKind } from './topics.js';

/** An entry of one kind that differs between two versions of the master data. */
export interface EntryChange<T> {
  key: string;
  before: T;
  after: T;
  /** Dotted paths of the fields that differ, e.g. `connector.url`. */
  fields: string[];
}

/** What differs in one kind: entries only in the new version, in both but different, only in the old. */
export interface KindDiff<T> {
  added: { key: string; entry: T }[];
  changed: EntryChange<T>[];
  removed: { key: string; entry: T }[];
}

/** The difference between two versions of the master data, per kind. */
export type MasterDataDiff = { [K in MasterDataKind]: KindDiff<MasterDataEntry<K>> };

/** A JSON text of a value with object keys sorted, so equal data compares equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function leaves(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, path ? `${path}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

function changedFields(before: unknown, after: unknown): string[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

function diffKind<K extends MasterDataKind>(kind: K, from: MasterDataEntry<K>[], to: MasterDataEntry<K>[]): KindDiff<MasterDataEntry<K>> {
  const before = new Map(from.map((entry) => [masterDataKeyOf(kind, entry), entry]));
  const after = new Map(to.map((entry) => [masterDataKeyOf(kind, entry), entry]));
  const diff: KindDiff<MasterDataEntry<K>> = { added: [], changed: [], removed: [] };
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (old === undefined) diff.added.push({ key, entry });
    else if (canonicalJson(old) !== canonicalJson(entry)) diff.changed.push({ key, before: old, after: entry, fields: changedFields(old, entry) });
  }
  for (const [key, entry] of before) if (!after.has(key)) diff.removed.push({ key, entry });
  return diff;
}

/** Compares two versions of the master data entry by entry (by key), e.g. the topics' with a folder's. */
export function diffMasterData(from: MasterData, to: MasterData): MasterDataDiff {
  return perMasterDataKind((kind) => diffKind(kind, from[kind], to[kind])) as MasterDataDiff;
}

/** How many entries were added, changed and removed, over all kinds. */
export function countMasterDataDiff(diff: MasterDataDiff): { added: number; changed: number; removed: number } {
  const total = { added: 0, changed: 0, removed: 0 };
  for (const kind of masterDataKinds) {
    total.added += diff[kind].added.length;
    total.changed += diff[kind].changed.length;
    total.removed += diff[kind].removed.length;
  }
  return total;
}

/** Whether two versions of the master data are the same. */
export function isEmptyMasterDataDiff(diff: MasterDataDiff): boolean {
  const { added, changed, removed } = countMasterDataDiff(diff);
  return added + changed + removed === 0;
}

/**
 * One line per difference, for operators: `+` added, `~` changed (with old → new value of each
 * field), `-` removed, each named by file and entry. Master data holds no personal data, so values are shown.
 */
export function describeMasterDataDiff(diff: MasterDataDiff): string[] {
  const lines: string[] = [];
  for (const kind of masterDataKinds) {
    const { file } = masterDataFiles[kind];
    const d = diff[kind] as KindDiff<unknown>;
    for (const { key } of d.added) lines.push(`+ ${file}: ${key}`);
    for (const change of d.changed) {
      const before = leaves(change.before, '', new Map());
      const after = leaves(change.after, '', new Map());
      const fields = change.fields.map((f) => `${f} ${before.get(f) ?? '(none)'} → ${after.get(f) ?? '(none)'}`);
      lines.push(`~ ${file}: ${change.key}: ${fields.join(', ')}`);
    }
    for (const { key } of d.removed) lines.push(`- ${file}: ${key}`);
  }
  return lines;
}
