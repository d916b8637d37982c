import { pipelineSettingsOf, startPipelineService, type Logger, type PipelineService, type ServiceIdentity } from '@amtsbote/core';
import { createFolderConnector } from '@amtsbote/connector-folder';
import { createHttpConnector } from '@amtsbote/connector-http';
import { contractsFor } from '@amtsbote/schemas';
import type { DeliveryConfig } from './config.js';
import { createConnectorPool } from './connector-pool.js';
import { createDelivery } from './delivery.js';

/** Starts the delivery service with validated settings: the whole service, as main.ts and tests run it. */
export async function startDeliveryService(
  config: DeliveryConfig,
  deps: { logger: Logger; service: ServiceIdentity },
): Promise<PipelineService> {
  const { logger, service } = deps;
  // The connectors this build offers, chosen explicitly rather than by side-effect imports.
  const connectors = createConnectorPool({ http: createHttpConnector, folder: createFolderConnector }, logger);
  const contracts = contractsFor(config.TOPIC_PREFIX);
  const running = await startPipelineService({
    service,
    logger,
    ...pipelineSettingsOf(config),
    topics: [contracts.outbound.topic],
    writes: [contracts.status],
    handlers: (codec, router) =>
      createDelivery({ codec, contracts, router, connectors, service, maxElapsedMs: config.DELIVERY_MAX_ELAPSED_MS }),
  });
  return {
    healthPort: running.healthPort,
    async stop() {
      await running.stop();
      await connectors.closeAll();
    },
  };
}
