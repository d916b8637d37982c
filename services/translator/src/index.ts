export { startTranslatorService } from './service.js';
export { translatorConfigSchema, type TranslatorConfig } from './config.js';
