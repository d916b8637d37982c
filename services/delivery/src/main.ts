import { createLogger, packageVersion, parseConfig, stopOnSignals } from '@amtsbote/core';
import { deliveryConfigSchema } from './config.js';
import { startDeliveryService } from './service.js';

const service = { name: 'delivery', version: packageVersion(import.meta.url) };
const logger = createLogger(service.name);

try {
  const running = await startDeliveryService(parseConfig(deliveryConfigSchema, process.env, 'environment'), { logger, service });
  stopOnSignals(logger, () => running.stop());
} catch (err) {
  logger.fatal({ err }, 'cannot start');
  process.exit(1);
}
