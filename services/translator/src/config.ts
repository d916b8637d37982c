import { z } from 'zod';
import { kafkaEnvSchema } from '@amtsbote/core';

/** The translator's settings, read from the environment by main.ts. */
export const translatorConfigSchema = kafkaEnvSchema.extend({
  /** The folder with the official XÖV schemas (layout: see README, "XÖV schemas"). */
  XOEV_SCHEMA_DIR: z.string().min(1),
  GROUP_ID: z.string().default('amtsbote-translator'),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(9101),
  /** Marks produced messages as test messages (XÖV attribute `test`). */
  XOEV_TEST_MESSAGES: z.stringbool().default(true),
  PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(3),
});

/** The translator's validated settings. */
export type TranslatorConfig = z.infer<typeof translatorConfigSchema>;
