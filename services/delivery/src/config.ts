import { z } from 'zod';
import { pipelineEnvSchema } from '@amtsbote/core';

/** The delivery service's settings, read from the environment by main.ts. */
export const deliveryConfigSchema = pipelineEnvSchema({ groupId: 'amtsbote-delivery', healthPort: 9102 }).extend({
  // Defaults for destinations whose master data sets no `delivery` policy.
  /** First wait after a retriable failure; it doubles per attempt, with jitter. */
  DELIVERY_INITIAL_DELAY_MS: z.coerce.number().int().positive().default(200),
  /** Longest wait between two attempts. */
  DELIVERY_MAX_DELAY_MS: z.coerce.number().int().positive().default(30_000),
  /** How long a message may fail with retriable errors before it is dead-lettered (default 15 min). */
  DELIVERY_MAX_ELAPSED_MS: z.coerce.number().int().positive().default(15 * 60_000),
});

/** The delivery service's validated settings. */
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
