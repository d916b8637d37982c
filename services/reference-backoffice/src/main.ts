import { z } from 'zod';
import { createLogger, parseConfig, stopOnSignals } from '@amtsbote/core';
import { createInboxStore } from './inbox-store.js';
import { createReplier } from './replier.js';
import { createReferenceBackoffice } from './server.js';

const configSchema = z.object({
  BACKOFFICE_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  BACKOFFICE_HOST: z.string().default('127.0.0.1'),
  BACKOFFICE_DATA_DIR: z.string().min(1),
  /** Amtsbote's receipts endpoint; when set, every message is answered (receipt, and for XBau a formal check and a decision). */
  BACKOFFICE_REPLIES_URL: z.url().optional(),
  /** The bearer token the receipts service knows this back office by. */
  BACKOFFICE_REPLY_TOKEN: z.string().min(16).optional(),
  /** Pause between the replies to one message, so the demo shows each step. */
  BACKOFFICE_REPLY_STEP_MS: z.coerce.number().int().min(0).default(2_000),
}).refine((c) => !c.BACKOFFICE_REPLIES_URL || c.BACKOFFICE_REPLY_TOKEN, {
  message: 'BACKOFFICE_REPLY_TOKEN is needed with BACKOFFICE_REPLIES_URL',
  path: ['BACKOFFICE_REPLY_TOKEN'],
});

const logger = createLogger('reference-backoffice');
try {
  const config = parseConfig(configSchema, process.env, 'environment');
  const store = await createInboxStore(config.BACKOFFICE_DATA_DIR);
  const replier = config.BACKOFFICE_REPLIES_URL
    ? createReplier({ url: config.BACKOFFICE_REPLIES_URL, token: config.BACKOFFICE_REPLY_TOKEN!, logger, stepDelayMs: config.BACKOFFICE_REPLY_STEP_MS })
    : undefined;
  const { server } = createReferenceBackoffice({ store, logger, ...(replier ? { onNewMessage: (xml: Buffer) => replier.answer(xml) } : {}) });
  server.listen(config.BACKOFFICE_PORT, config.BACKOFFICE_HOST, () => {
    logger.info(
      { url: `http://${config.BACKOFFICE_HOST}:${config.BACKOFFICE_PORT}/xoev/messages`, dataDir: config.BACKOFFICE_DATA_DIR, repliesTo: config.BACKOFFICE_REPLIES_URL ?? null },
      'listening',
    );
  });
  stopOnSignals(logger, () => new Promise((resolve) => server.close(() => resolve())));
} catch (err) {
  logger.fatal({ err }, 'cannot start');
  process.exit(1);
}
