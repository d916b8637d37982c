import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import './provided-context.js';
import {
  applyTopics,
  createAvroCodec,
  createKafkaClient,
  createLogger,
  type AvroCodec,
  type KafkaClient,
  type KafkaSecurity,
} from '@amtsbote/core';
import { contractsFor, type Contracts } from '@amtsbote/schemas';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A broker, a registry and a set of topics of its own for one test file. */
export interface IntegrationEnvironment {
  brokers: string[];
  registryUrl: string;
  xoevSchemaDir: string;
  /** Prefix of this environment's topics and subjects. */
  topicPrefix: string;
  contracts: Contracts;
  kafka: KafkaClient;
  codec: AvroCodec;
  /**
   * The environment variables a service of this environment runs with, as main.ts reads them:
   * brokers, registry, topic prefix, the schema folder, a group of its own and a free health port.
   */
  serviceEnv(name: string): Record<string, string>;
}

/** Where an environment lives when it is not the global setup's: outside vitest (the benchmarks) all three are given. */
export interface EnvironmentOptions {
  /** e.g. the three-broker cluster. */
  brokers?: string[];
  registryUrl?: string;
  xoevSchemaDir?: string;
  /** Instead of `test-<name>-<random>.`. */
  topicPrefix?: string;
  /** TLS and SCRAM user of this environment's own client, e.g. the admin user of the secured broker. */
  security?: KafkaSecurity;
}

/**
 * Gives a test file its own topics (declared by infra/topics.yaml, under a unique prefix) on the
 * broker and registry that the global setup provides (or on `brokers`, e.g. the three-broker
 * cluster), with the schemas registered.
 */
export async function createIntegrationEnvironment(name: string, options: EnvironmentOptions = {}): Promise<IntegrationEnvironment> {
  const brokers = options.brokers ?? inject('kafkaBrokers').split(',');
  const registryUrl = options.registryUrl ?? inject('schemaRegistryUrl');
  const topicPrefix = options.topicPrefix ?? `test-${name}-${randomUUID().slice(0, 8)}.`;
  const logger = createLogger(`test-${name}`, { level: process.env['LOG_LEVEL'] ?? 'warn' });
  const kafka = createKafkaClient({ brokers, clientId: `test-${name}`, logger, ...(options.security ? { security: options.security } : {}) });
  const codec = createAvroCodec({ url: registryUrl });
  const contracts = contractsFor(topicPrefix);
  await applyTopics(kafka.admin(), `${repoRoot}infra/topics.yaml`, { prefix: topicPrefix });
  for (const contract of Object.values(contracts)) await codec.register(contract);
  const xoevSchemaDir = options.xoevSchemaDir ?? inject('xoevSchemaDir');
  const serviceEnv = (service: string) => ({
    KAFKA_BROKERS: brokers.join(','),
    SCHEMA_REGISTRY_URL: registryUrl,
    TOPIC_PREFIX: topicPrefix,
    XOEV_SCHEMA_DIR: xoevSchemaDir,
    GROUP_ID: `${topicPrefix}${service}`,
    HEALTH_PORT: '0',
  });
  return { brokers, registryUrl, xoevSchemaDir, topicPrefix, contracts, kafka, codec, serviceEnv };
}
