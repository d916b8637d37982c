import { createRouter, createLogger, loadMasterData, packageVersion, parseConfig, startPipelineService, stopOnSignals } from '@amtsbote/core';
import { createHttpConnector } from '@amtsbote/connector-http';
import { contractsFor } from '@amtsbote/schemas';
import { deliveryConfigSchema } from './config.js';
import { createConnectorPool } from './connector-pool.js';
import { createDelivery } from './delivery.js';

const service = { name: 'delivery', version: packageVersion(import.meta.url) };
const logger = createLogger(service.name);

try {
  const config = parseConfig(deliveryConfigSchema, process.env, 'environment');
  const router = createRouter(await loadMasterData(config.MASTERDATA_DIR));
  const connectors = createConnectorPool({ http: createHttpConnector }, logger);
  const contracts = contractsFor(config.TOPIC_PREFIX);
  const running = await startPipelineService({
    service,
    logger,
    brokers: config.KAFKA_BROKERS,
    registryUrl: config.SCHEMA_REGISTRY_URL,
    groupId: config.GROUP_ID,
    topics: [contracts.outbound.topic],
    writes: [contracts.status],
    healthPort: config.HEALTH_PORT,
    partitionsConsumedConcurrently: config.PARTITIONS_CONCURRENTLY,
    handlers: (codec) =>
      createDelivery({ codec, contracts, router: () => router, connectors, service, maxElapsedMs: config.DELIVERY_MAX_ELAPSED_MS }),
  });
  stopOnSignals(logger, async () => {
    await running.stop();
    await connectors.closeAll();
  });
} catch (err) {
  logger.fatal({ err }, 'cannot start');
  process.exit(1);
}
