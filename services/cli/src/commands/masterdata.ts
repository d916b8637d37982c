import { resolve } from 'node:path';
import {
  countMasterDataDiff,
  describeMasterDataDiff,
  importMasterData,
  masterDataTopicsFor,
  readAppliedMasterData,
  writeMasterDataFiles,
  type ImportResult,
  type KafkaClient,
  type RefusedImport,
} from '@amtsbote/core';

/** Imports a folder of master-data YAML files (or, on a dry run, says what an import would write). */
export async function importMasterDataFolder(kafka: KafkaClient, options: { dir: string; dryRun: boolean; prefix: string }): Promise<ImportResult> {
  const dir = resolve(options.dir);
  return importMasterData(kafka, dir, { prefix: options.prefix, dryRun: options.dryRun, source: dir });
}

/** What an import did or would do, one line per difference and a summary, for people. */
export function formatImportResult(result: ImportResult, verb: { done: string; pending: string }): string[] {
  if (result.records === 0) return ['masterdata: the topics already hold this master data'];
  const { added, changed, removed } = countMasterDataDiff(result.diff);
  const repaired = result.repaired > 0 ? `, ${result.repaired} key(s) left by an unfinished import rewritten` : '';
  const summary = `${added} added, ${changed} changed, ${removed} removed${repaired} (${result.records} records)`;
  const lines = describeMasterDataDiff(result.diff);
  return [...lines, result.importId ? `masterdata: ${verb.done} as import ${result.importId}: ${summary}` : `masterdata: ${verb.pending}: ${summary}`];
}

/** Writes the master data in force (what the topics hold) as YAML files into a folder. */
export async function exportMasterDataFolder(
  kafka: KafkaClient,
  options: { dir: string; prefix: string },
): Promise<{ files: string[]; importId: string | null; refused: RefusedImport[] }> {
  const { data, importId, refused } = await readAppliedMasterData(kafka, { prefix: options.prefix });
  const comment = [
    `Exported by \`amtsbote masterdata export\` at ${new Date().toISOString()}`,
    `from ${masterDataTopicsFor(options.prefix).imports} and its sibling topics, import ${importId ?? '(none yet)'}.`,
  ].join('\n');
  return { files: await writeMasterDataFiles(resolve(options.dir), data, comment), importId, refused };
}
