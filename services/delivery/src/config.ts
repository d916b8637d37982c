import { z } from 'zod';
import { kafkaEnvSchema } from '@amtsbote/core';

/** The delivery service's settings, read from the environment by main.ts. */
export const deliveryConfigSchema = kafkaEnvSchema.extend({
  GROUP_ID: z.string().default('amtsbote-delivery'),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(9102),
  /** How long a message may fail with retriable errors before it is dead-lettered (default 15 min). */
  DELIVERY_MAX_ELAPSED_MS: z.coerce.number().int().positive().default(15 * 60_000),
  PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(3),
});

/** The delivery service's validated settings. */
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
