export { startTranslatorService } from './service.js';
export { translatorConfigSchema, type TranslatorConfig } from './config.js';
export { mappings } from './mappings/index.js';
export { createMappingRegistry, type Mapping, type MappingContext, type MappingRegistry } from './mappings/registry.js';
