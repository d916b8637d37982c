import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { masterDataFiles, type MasterData } from './schema.js';
import { masterDataKinds } from './topics.js';

/** The master data as the YAML files `loadMasterData` reads (file name → text), each with a comment on top. */
export function masterDataToYaml(data: MasterData, comment?: string): Record<string, string> {
  const header = comment ? `${comment.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n` : '';
  return Object.fromEntries(
    masterDataKinds.map((kind) => [masterDataFiles[kind].file, `${header}${stringify({ [kind]: data[kind] }, { lineWidth: 0 })}`]),
  );
}

/** Writes the master data as YAML files into a folder (created if missing); returns the paths written. */
export async function writeMasterDataFiles(dir: string, data: MasterData, comment?: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of Object.entries(masterDataToYaml(data, comment))) {
    await writeFile(join(dir, file), text, 'utf8');
    written.push(join(dir, file));
  }
  return written;
}
