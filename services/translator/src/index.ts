export { startTranslatorService } from './service.js';
export { translatorConfigSchema, type TranslatorConfig } from './config.js';
export { mappings } from './mappings/index.js';
export { createMappingRegistry, type CodeListOf, type CodeListVersion, type Mapping, type MappingContext, type MappingRegistry } from './mappings/registry.js';
export { codeListsFor, missingCodeListsWarning } from './code-lists.js';
