import { pipelineSettingsOf, stageSettingsOf, startPipelineService, type Logger, type PipelineService, type ServiceIdentity } from '@amtsbote/core';
import { createFolderConnector } from '@amtsbote/connector-folder';
import { createHttpConnector } from '@amtsbote/connector-http';
import { createSftpConnector } from '@amtsbote/connector-sftp';
import { contractsFor, deadLetterTopicOf } from '@amtsbote/schemas';
import type { DeliveryConfig } from './config.js';
import { createConnectorPool } from './connector-pool.js';
import { createDelivery } from './delivery.js';
import { createLanes, type Lanes } from './lanes.js';

/** Starts the delivery service with validated settings: the whole service, as main.ts and tests run it. */
export async function startDeliveryService(
  config: DeliveryConfig,
  deps: { logger: Logger; service: ServiceIdentity },
): Promise<PipelineService> {
  const { logger, service } = deps;
  // The connectors this build offers, chosen explicitly rather than by side-effect imports.
  const connectors = createConnectorPool({ http: createHttpConnector, folder: createFolderConnector, sftp: createSftpConnector }, logger);
  const contracts = contractsFor(config.TOPIC_PREFIX);
  const stage = stageSettingsOf(config);
  let lanes: Lanes | undefined;

  const running = await startPipelineService({
    service,
    logger,
    ...pipelineSettingsOf(config),
    writes: [contracts.status],
    async start(runtime) {
      const delivery = createDelivery({
        codec: runtime.codec,
        contracts,
        router: runtime.router,
        connectors,
        service,
        laneOf: (destinationId) => lanes!.ensure(destinationId),
        defaults: {
          initialDelayMs: config.DELIVERY_INITIAL_DELAY_MS,
          maxDelayMs: config.DELIVERY_MAX_DELAY_MS,
          maxElapsedMs: config.DELIVERY_MAX_ELAPSED_MS,
        },
        metrics: runtime.metrics,
      });
      lanes = createLanes({
        admin: runtime.kafka.admin(),
        prefix: config.TOPIC_PREFIX,
        outboundTopic: contracts.outbound.topic,
        logger,
        destinationIds: () => runtime.masterData.data().destinations.map((d) => d.id),
        onMasterDataChange: (listener) => runtime.masterData.onChange(listener),
        startLane: (destinationId, topic) =>
          runtime.startStage({
            groupId: `${stage.groupId}.lane.${destinationId}`,
            topics: [topic],
            handlers: delivery.deliver,
            partitionsConsumedConcurrently: stage.partitionsConsumedConcurrently,
            retry: () => delivery.retryPolicyOf(destinationId),
            // A lane holds copies of outbound records: their dead letters belong with the outbound ones.
            deadLetterTopic: deadLetterTopicOf(contracts.outbound.topic),
          }),
      });
      await lanes.start();
      await runtime.startStage({ ...stage, topics: [contracts.outbound.topic], handlers: delivery.dispatch });
    },
  });
  return {
    healthPort: running.healthPort,
    async stop() {
      await running.stop();
      await lanes?.stop();
      await connectors.closeAll();
    },
  };
}
