import { createLogger, packageVersion, parseConfig, stopOnSignals } from '@amtsbote/core';
import { translatorConfigSchema } from './config.js';
import { startTranslatorService } from './service.js';

const service = { name: 'translator', version: packageVersion(import.meta.url) };
const logger = createLogger(service.name);

try {
  const running = await startTranslatorService(parseConfig(translatorConfigSchema, process.env, 'environment'), { logger, service });
  stopOnSignals(logger, () => running.stop());
} catch (err) {
  logger.fatal({ err }, 'cannot start');
  process.exit(1);
}
