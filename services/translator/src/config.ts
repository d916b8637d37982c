import { z } from 'zod';
import { pipelineEnvSchema } from '@amtsbote/core';

/** The translator's settings, read from the environment by main.ts. */
export const translatorConfigSchema = pipelineEnvSchema({ groupId: 'amtsbote-translator', healthPort: 9101 }).extend({
  /** The folder with the official XÖV schemas (layout: see README, "XÖV schemas"). */
  XOEV_SCHEMA_DIR: z.string().min(1),
  /** Marks produced messages as test messages (XÖV attribute `test`). */
  XOEV_TEST_MESSAGES: z.stringbool().default(true),
});

/** The translator's validated settings. */
export type TranslatorConfig = z.infer<typeof translatorConfigSchema>;
