import { randomUUID } from 'node:crypto';
import type { ServiceIdentity } from '../dead-letter.js';
import { createKafkajsClient } from '../kafka/kafkajs-client.js';
import type { KafkaSecurity } from '../kafka/security.js';
import type { KafkaClient } from '../kafka/types.js';
import type { Logger } from '../logger.js';
import { createMasterDataView, type MasterDataView } from './view.js';

/** The settings `startMasterData` needs; every service's config (kafkaEnvSchema) has them. */
export interface MasterDataConfig {
  KAFKA_BROKERS: string[];
  TOPIC_PREFIX: string;
}

/**
 * Starts a service's master-data view: reads the compacted topics, resolves once caught up with
 * valid master data, and keeps applying imports live. Services pass `() => view.router()` on and stop
 * the view when they stop. Fails the start (fast, naming the problem) when the topics are missing,
 * hold nothing yet, or hold invalid data.
 */
export async function startMasterData(
  config: MasterDataConfig,
  deps: { logger: Logger; service: ServiceIdentity; kafka?: KafkaClient; security?: KafkaSecurity; catchUpTimeoutMs?: number },
): Promise<MasterDataView> {
  const logger = deps.logger.child({ component: 'masterdata' });
  const kafka =
    deps.kafka ??
    createKafkajsClient({
      brokers: config.KAFKA_BROKERS,
      clientId: `amtsbote-${deps.service.name}-masterdata`,
      logger,
      ...(deps.security ? { security: deps.security } : {}),
    });
  const view = createMasterDataView(kafka, {
    prefix: config.TOPIC_PREFIX,
    logger,
    groupId: `amtsbote-${deps.service.name}-masterdata-${randomUUID()}`,
    ...(deps.catchUpTimeoutMs ? { catchUpTimeoutMs: deps.catchUpTimeoutMs } : {}),
  });
  await view.start();
  return view;
}
