import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AmtsboteError } from '../errors.js';
import { masterDataFiles, type MasterData } from './schema.js';

type Kind = keyof typeof masterDataFiles;

function invalid(problems: string[]): AmtsboteError {
  return new AmtsboteError('AMTSBOTE_MASTERDATA_INVALID', `invalid master data:\n  ${problems.join('\n  ')}`);
}

/** Checks one kind's list against its schema; problems are named by file, entry and field. */
function parseEntries(kind: Kind, entries: unknown, problems: string[]): unknown[] {
  const { file, schema } = masterDataFiles[kind];
  if (!Array.isArray(entries)) {
    problems.push(`${file}: expected a top-level list "${kind}"`);
    return [];
  }
  return entries.map((entry, index) => {
    const result = schema.safeParse(entry);
    if (result.success) return result.data;
    // Named by its id (a code list by its URI) where it has one, else by its position.
    const { id, uri } = (entry ?? {}) as { id?: unknown; uri?: unknown };
    const name = id ?? uri ?? `#${index + 1}`;
    for (const issue of result.error.issues) {
      problems.push(`${file}: entry ${String(name)}: field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    }
    return undefined;
  });
}

/** Cross-checks parsed lists, or throws with every problem found so far. */
function checked(data: Record<Kind, unknown[]>, problems: string[]): MasterData {
  if (problems.length > 0) throw invalid(problems);
  const masterData = data as unknown as MasterData;
  const crossProblems = crossCheck(masterData);
  if (crossProblems.length > 0) throw invalid(crossProblems);
  return masterData;
}

/**
 * Reads and validates the master data in a folder (infra/masterdata by default). Every problem is
 * named by file, entry and field; if there is any, nothing is returned, so nothing is half-applied.
 */
export async function loadMasterData(dir: string): Promise<MasterData> {
  const problems: string[] = [];
  const data = {} as Record<Kind, unknown[]>;
  for (const kind of Object.keys(masterDataFiles) as Kind[]) {
    const { file } = masterDataFiles[kind];
    let document: unknown;
    try {
      document = parse(await readFile(join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${file}: cannot be read as YAML (${(err as Error).message.split('\n')[0]})`);
      continue;
    }
    data[kind] = parseEntries(kind, (document as Record<string, unknown> | null)?.[kind], problems);
  }
  return checked(data, problems);
}

/**
 * Validates master data that did not come from files (e.g. built by a program) exactly as
 * `loadMasterData` validates files, problems named by the file each kind lives in, entry and field.
 * Returns the parsed data, defaults applied.
 */
export function validateMasterData(input: Record<Kind, unknown>): MasterData {
  const problems: string[] = [];
  const data = {} as Record<Kind, unknown[]>;
  for (const kind of Object.keys(masterDataFiles) as Kind[]) data[kind] = parseEntries(kind, input[kind], problems);
  return checked(data, problems);
}

/** Checks that every reference points at something that exists and that ids are unique. */
export function crossCheck(data: MasterData): string[] {
  const problems: string[] = [];
  const unique = (file: string, ids: string[], field = 'id') => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${file}: entry ${id}: field ${field}: appears more than once`);
      seen.add(id);
    }
    return seen;
  };
  const municipalities = unique('municipalities.yaml', data.municipalities.map((m) => m.ags));
  const arsOf = new Set(data.municipalities.flatMap((m) => (m.ars ? [m.ars] : [])));
  const authorities = unique('authorities.yaml', data.authorities.map((a) => a.id));
  const destinations = unique('destinations.yaml', data.destinations.map((d) => d.id));
  const codeLists = unique('codelists.yaml', data.codelists.map((c) => c.uri), 'uri');
  for (const m of data.municipalities) {
    if (!authorities.has(m.sender)) problems.push(`municipalities.yaml: entry ${m.ags}: field sender: unknown authority "${m.sender}"`);
  }
  for (const a of data.authorities) {
    if (!municipalities.has(a.municipality)) problems.push(`authorities.yaml: entry ${a.id}: field municipality: unknown AGS "${a.municipality}"`);
  }
  for (const d of data.destinations) {
    if (!authorities.has(d.authority)) problems.push(`destinations.yaml: entry ${d.id}: field authority: unknown authority "${d.authority}"`);
    for (const uri of Object.keys(d.codeListVersions ?? {})) {
      if (!codeLists.has(uri)) problems.push(`destinations.yaml: entry ${d.id}: field codeListVersions.${uri}: unknown code list (not in codelists.yaml)`);
    }
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
