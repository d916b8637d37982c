import { z } from 'zod';
import { pipelineEnvSchema } from '@amtsbote/core';

/** The receipts service's settings, read from the environment by main.ts. */
export const receiptsConfigSchema = pipelineEnvSchema({ groupId: 'amtsbote-receipts', healthPort: 9103 }).extend({
  /** The folder with the official XÖV schemas every reply is validated against (layout: shared/xoev). */
  XOEV_SCHEMA_DIR: z.string().min(1),
  /** Where back offices post their replies. */
  RECEIPTS_HOST: z.string().default('127.0.0.1'),
  RECEIPTS_PORT: z.coerce.number().int().min(0).max(65_535).default(8091),
  /** Largest reply accepted, over HTTP and from inboxes. */
  RECEIPTS_MAX_BODY_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  /** HTTPS: the endpoint's certificate and key; with a client CA, back offices may authenticate by client certificate. */
  RECEIPTS_TLS_CERT_FILE: z.string().optional(),
  RECEIPTS_TLS_KEY_FILE: z.string().optional(),
  RECEIPTS_TLS_CLIENT_CA_FILE: z.string().optional(),
  RECEIPTS_TLS_CRL_FILE: z.string().optional(),
  /** How often inboxes (SFTP, folder) are looked at. */
  RECEIPTS_INBOX_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
});

/** The receipts service's validated settings. */
export type ReceiptsConfig = z.infer<typeof receiptsConfigSchema>;
