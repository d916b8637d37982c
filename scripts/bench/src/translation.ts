// What the translator does to one submission, in-process: route by the seed master data, map,
// validate (XSD, and Schematron where the standard publishes rules). Shared by the benchmarks that
// measure it on its own (translator-cost.ts) and as the ceiling of the pipeline (end-to-end.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouter, loadMasterData, type Router } from '@amtsbote/core';
import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { codeListsFor, createMappingRegistry, mappings, type Mapping, type MappingContext } from '@amtsbote/translator';
import { createSchematronValidatorCache, createXsdValidatorCache, deriveMessageId, type SchematronValidator } from '@amtsbote/xoev';

export const seedMasterDataDir = fileURLToPath(new URL('../../../infra/masterdata/', import.meta.url));
export const defaultXoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../shared/xoev/', import.meta.url));

/** Runs `work` for about `seconds` after a warm-up; returns operations per second. */
export function rate(work: (i: number) => void, seconds: number, warmUp = 200): number {
  for (let i = 0; i < warmUp; i++) work(i);
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let n = 0;
  while (process.hrtime.bigint() < deadline) for (let k = 0; k < 20; k++) work(n++);
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The translator's parts, wired as the service wires them, on the seed master data. */
export interface Translation {
  router: Router;
  /** The mapping the translator picks for a submission (route → destination's standard). */
  mappingOf(submission: ApplicationSubmitted): Mapping;
  /** The XÖV message as production writes it, with `mapping` (default: the routed one). */
  map(submission: ApplicationSubmitted, mapping?: Mapping): string;
  /** XSD, then Schematron where the mapping has rules (`rules: false`: the XSD only); throws if invalid. */
  validate(mapping: Mapping, xml: string, options?: { rules?: boolean }): void;
  xsdValid(mapping: Mapping, xml: string | Uint8Array): boolean;
  /** The Schematron rules of a mapping, if its standard publishes them. */
  rulesOf(mapping: Mapping): SchematronValidator | undefined;
  close(): void;
}

/** Compiles every schema and rule set once, as the translator does at start-up. */
export async function createTranslation(xoevDir = defaultXoevDir): Promise<Translation> {
  // Sender, recipient and code lists as the seed master data routes each submission, so the message is what production writes.
  const router = createRouter(await loadMasterData(seedMasterDataDir));
  const registry = createMappingRegistry(mappings);
  const schemas = createXsdValidatorCache();
  const ruleSets = createSchematronValidatorCache();
  const rules = new Map<string, SchematronValidator>();
  for (const { schematronFile } of mappings) {
    if (schematronFile && !rules.has(schematronFile)) rules.set(schematronFile, await ruleSets.get(join(xoevDir, schematronFile)));
  }

  const routeOf = (submission: ApplicationSubmitted) => {
    const route = router.route(submission.tenant, submission.serviceKey);
    if (!route) throw new Error(`no route in the seed master data for ${submission.tenant.ags}/${submission.serviceKey}`);
    return route;
  };
  const contextFor = (submission: ApplicationSubmitted, mapping: Mapping): MappingContext => {
    const route = routeOf(submission);
    return {
      messageId: deriveMessageId(submission.eventId, mapping.standard, mapping.messageType),
      createdAt: new Date('2026-11-25T10:00:00Z'),
      sender: route.sender,
      recipient: route.recipient,
      product: { name: 'Amtsbote', vendor: 'Amtsbote', version: 'bench' },
      test: true,
      codeList: codeListsFor(router, route.destination),
    };
  };
  const mappingOf = (submission: ApplicationSubmitted) => {
    const { standard } = routeOf(submission).destination;
    const mapping = registry.find(submission.serviceKey, standard.name, standard.version);
    if (!mapping) throw new Error(`no mapping of ${submission.serviceKey} to ${standard.name} ${standard.version}`);
    return mapping;
  };
  const xsdValid = (mapping: Mapping, xml: string | Uint8Array) => schemas.get(join(xoevDir, mapping.schemaFile)).validate(xml).valid;
  const rulesOf = (mapping: Mapping) => (mapping.schematronFile ? rules.get(mapping.schematronFile) : undefined);

  return {
    router,
    mappingOf,
    map: (submission, mapping = mappingOf(submission)) => mapping.map(submission, contextFor(submission, mapping)),
    validate(mapping, xml, options = {}) {
      if (!xsdValid(mapping, xml)) throw new Error(`${mapping.messageType} invalid against its XSD in the benchmark`);
      if (options.rules === false) return;
      if (rulesOf(mapping)?.validate(xml).valid === false) throw new Error(`${mapping.messageType} fails its Schematron rules in the benchmark`);
    },
    xsdValid,
    rulesOf,
    close: () => schemas.close(),
  };
}

/** In-process messages per second for a mix of submissions, each mapped and validated as the translator does. */
export function translationRate(
  translation: Translation,
  submissions: ApplicationSubmitted[],
  seconds: number,
  options: { rules: boolean; warmUp?: number },
): number {
  const routed = submissions.map((s) => ({ submission: s, mapping: translation.mappingOf(s) }));
  return rate(
    (i) => {
      const { submission, mapping } = routed[i % routed.length]!;
      translation.validate(mapping, translation.map(submission, mapping), options);
    },
    seconds,
    options.warmUp,
  );
}
