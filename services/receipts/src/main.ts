import { createLogger, packageVersion, parseConfig, stopOnSignals } from '@amtsbote/core';
import { receiptsConfigSchema } from './config.js';
import { startReceiptsService } from './service.js';

const service = { name: 'receipts', version: packageVersion(import.meta.url) };
const logger = createLogger(service.name);

try {
  const running = await startReceiptsService(parseConfig(receiptsConfigSchema, process.env, 'environment'), { logger, service });
  stopOnSignals(logger, () => running.stop());
} catch (err) {
  logger.fatal({ err }, 'cannot start');
  process.exit(1);
}
