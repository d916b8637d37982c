import { join } from 'node:path';
import {
  pipelineSettingsOf,
  stageSettingsOf,
  startPipelineService,
  type CodeList,
  type Logger,
  type PipelineService,
  type ServiceIdentity,
} from '@amtsbote/core';
import { contractsFor } from '@amtsbote/schemas';
import { createSchematronValidatorCache, createXsdValidatorCache, type SchematronValidator } from '@amtsbote/xoev';
import { missingCodeListsWarning } from './code-lists.js';
import type { TranslatorConfig } from './config.js';
import { createMappingRegistry } from './mappings/registry.js';
import { mappings } from './mappings/index.js';
import { checkSchemaAvailability, checkWellFormed, unvalidatedWarning } from './schema-availability.js';
import { createTranslator, type Validate } from './translator.js';

/** Starts the translator with validated settings: the whole service, as main.ts and tests run it. */
export async function startTranslatorService(
  config: TranslatorConfig,
  deps: { logger: Logger; service: ServiceIdentity },
): Promise<PipelineService> {
  const { logger, service } = deps;
  const registry = createMappingRegistry(mappings);
  const schemas = createXsdValidatorCache();
  const availability = checkSchemaAvailability(config.XOEV_SCHEMA_DIR, registry.all());
  const warning = unvalidatedWarning(availability);
  if (warning) logger.warn({ schemaDir: config.XOEV_SCHEMA_DIR }, warning);
  // Compile every schema now: a missing (required) or broken schema must stop the start, not the first record.
  for (const { mapping } of [...availability.validated, ...availability.missing]) schemas.get(join(config.XOEV_SCHEMA_DIR, mapping.schemaFile));
  logger.info({ schemaDir: config.XOEV_SCHEMA_DIR, mappings: registry.all().map((m) => `${m.standard} ${m.version} ${m.messageType}`) }, 'schemas compiled');
  const withoutXsd = new Set(availability.unvalidated.map(({ mapping }) => mapping.schemaFile));
  // Schematron rules are compiled once per machine (cached in .cache/schematron) and loaded here, before ready.
  const ruleSets = createSchematronValidatorCache();
  const rules = new Map<string, SchematronValidator>();
  for (const { schematronFile } of registry.all()) {
    if (schematronFile && !rules.has(schematronFile)) rules.set(schematronFile, await ruleSets.get(join(config.XOEV_SCHEMA_DIR, schematronFile)));
  }
  const validate: Validate = (mapping, xml) => {
    const structure = withoutXsd.has(mapping.schemaFile)
      ? checkWellFormed(xml)
      : schemas.get(join(config.XOEV_SCHEMA_DIR, mapping.schemaFile)).validate(xml);
    const ruleSet = mapping.schematronFile ? rules.get(mapping.schematronFile) : undefined;
    // Business rules only make sense on a structurally valid document.
    if (!structure.valid || !ruleSet) return structure;
    const result = ruleSet.validate(xml);
    const blocking = result.findings.filter((f) => f.severity === 'fatal' || f.severity === 'error');
    return {
      valid: result.valid,
      errors: blocking.map((f) => ({ title: `Schematron ${f.id ?? 'rule'} (${f.severity})`, message: f.text, path: f.location })),
    };
  };

  const contracts = contractsFor(config.TOPIC_PREFIX);
  const running = await startPipelineService({
    service,
    logger,
    ...pipelineSettingsOf(config),
    writes: [contracts.outbound, contracts.status],
    start: (runtime) => {
      // A code list the master data lacks rejects every message that needs it: say so at start and after each import.
      const warnOfMissingCodeLists = (codeLists: readonly CodeList[]) => {
        const warning = missingCodeListsWarning(registry.all(), codeLists);
        if (warning) logger.warn(warning);
      };
      warnOfMissingCodeLists(runtime.masterData.data().codelists);
      runtime.masterData.onChange((change) => warnOfMissingCodeLists(change.data.codelists));
      return runtime.startStage({
        ...stageSettingsOf(config),
        topics: [contracts.submitted.topic],
        handlers: createTranslator({
          codec: runtime.codec,
          contracts,
          router: runtime.router,
          mappings: registry,
          validate,
          service,
          product: { name: 'Amtsbote', vendor: 'Amtsbote', version: service.version },
          testMessages: config.XOEV_TEST_MESSAGES,
        }),
      });
    },
  });
  return {
    healthPort: running.healthPort,
    async stop() {
      await running.stop();
      schemas.close();
    },
  };
}
