import { z } from 'zod';
import { createLogger, parseConfig, stopOnSignals } from '@amtsbote/core';
import { createInboxStore } from './inbox-store.js';
import { createReferenceBackoffice } from './server.js';

const configSchema = z.object({
  BACKOFFICE_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  BACKOFFICE_HOST: z.string().default('127.0.0.1'),
  BACKOFFICE_DATA_DIR: z.string().min(1),
});

const logger = createLogger('reference-backoffice');
try {
  const config = parseConfig(configSchema, process.env, 'environment');
  const store = await createInboxStore(config.BACKOFFICE_DATA_DIR);
  const { server } = createReferenceBackoffice({ store, logger });
  server.listen(config.BACKOFFICE_PORT, config.BACKOFFICE_HOST, () => {
    logger.info({ url: `http://${config.BACKOFFICE_HOST}:${config.BACKOFFICE_PORT}/xoev/messages`, dataDir: config.BACKOFFICE_DATA_DIR }, 'listening');
  });
  stopOnSignals(logger, () => new Promise((resolve) => server.close(() => resolve())));
} catch (err) {
  logger.fatal({ err }, 'cannot start');
  process.exit(1);
}
