import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AmtsboteError } from '../errors.js';
import { masterDataFiles, type MasterData } from './schema.js';

type Kind = keyof typeof masterDataFiles;

function invalid(problems: string[]): AmtsboteError {
  return new AmtsboteError('AMTSBOTE_MASTERDATA_INVALID', `invalid master data:\n  ${problems.join('\n  ')}`);
}

/**
 * Reads and validates the master data in a folder (infra/masterdata by default). Every problem is
 * named by file, entry and field; if there is any, nothing is returned, so nothing is half-applied.
 */
export async function loadMasterData(dir: string): Promise<MasterData> {
  const problems: string[] = [];
  const data = {} as Record<Kind, unknown[]>;
  for (const [kind, { file, schema }] of Object.entries(masterDataFiles) as [Kind, (typeof masterDataFiles)[Kind]][]) {
    const path = join(dir, file);
    let document: unknown;
    try {
      document = parse(await readFile(path, 'utf8'));
    } catch (err) {
      problems.push(`${file}: cannot be read as YAML (${(err as Error).message.split('\n')[0]})`);
      continue;
    }
    const entries = (document as Record<string, unknown> | null)?.[kind];
    if (!Array.isArray(entries)) {
      problems.push(`${file}: expected a top-level list "${kind}"`);
      continue;
    }
    data[kind] = entries.map((entry, index) => {
      const result = schema.safeParse(entry);
      if (result.success) return result.data;
      const name = (entry as { id?: unknown } | null)?.id ?? `#${index + 1}`;
      for (const issue of result.error.issues) {
        problems.push(`${file}: entry ${String(name)}: field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      }
      return undefined;
    });
  }
  if (problems.length > 0) throw invalid(problems);
  const masterData = data as unknown as MasterData;
  const crossProblems = crossCheck(masterData);
  if (crossProblems.length > 0) throw invalid(crossProblems);
  return masterData;
}

/** Checks that every reference points at something that exists and that ids are unique. */
export function crossCheck(data: MasterData): string[] {
  const problems: string[] = [];
  const unique = (file: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${file}: entry ${id}: field id: appears more than once`);
      seen.add(id);
    }
    return seen;
  };
  const municipalities = unique('municipalities.yaml', data.municipalities.map((m) => m.ags));
  const arsOf = new Set(data.municipalities.flatMap((m) => (m.ars ? [m.ars] : [])));
  const authorities = unique('authorities.yaml', data.authorities.map((a) => a.id));
  const destinations = unique('destinations.yaml', data.destinations.map((d) => d.id));
  for (const m of data.municipalities) {
    if (!authorities.has(m.sender)) problems.push(`municipalities.yaml: entry ${m.ags}: field sender: unknown authority "${m.sender}"`);
  }
  for (const a of data.authorities) {
    if (!municipalities.has(a.municipality)) problems.push(`authorities.yaml: entry ${a.id}: field municipality: unknown AGS "${a.municipality}"`);
  }
  for (const d of data.destinations) {
    if (!authorities.has(d.authority)) problems.push(`destinations.yaml: entry ${d.id}: field authority: unknown authority "${d.authority}"`);
  }
  const routeKeys = new Set<string>();
  data.routes.forEach((r, index) => {
    const name = `#${index + 1} (${r.municipality}/${r.serviceKey})`;
    if (!municipalities.has(r.municipality) && !arsOf.has(r.municipality)) {
      problems.push(`routes.yaml: entry ${name}: field municipality: unknown AGS or ARS "${r.municipality}"`);
    }
    if (!destinations.has(r.destination)) problems.push(`routes.yaml: entry ${name}: field destination: unknown destination "${r.destination}"`);
    const key = `${r.municipality}/${r.serviceKey}`;
    if (routeKeys.has(key)) problems.push(`routes.yaml: entry ${name}: appears more than once`);
    routeKeys.add(key);
  });
  return problems;
}
