import { z } from 'zod';
import { pipelineEnvSchema } from '@amtsbote/core';

/** The delivery service's settings, read from the environment by main.ts. */
export const deliveryConfigSchema = pipelineEnvSchema({ groupId: 'amtsbote-delivery', healthPort: 9102 }).extend({
  /** How long a message may fail with retriable errors before it is dead-lettered (default 15 min). */
  DELIVERY_MAX_ELAPSED_MS: z.coerce.number().int().positive().default(15 * 60_000),
});

/** The delivery service's validated settings. */
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
