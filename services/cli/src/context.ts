import { fileURLToPath } from 'node:url';
import { contractsFor, type Contracts } from '@amtsbote/schemas';
import { createAvroCodec, createKafkajsClient, createLogger, kafkaEnvSchema, parseConfig, type AvroCodec, type KafkaClient } from '@amtsbote/core';

/** The repository root, for defaults such as infra/topics.yaml. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What every command that talks to Kafka or the registry needs. */
export interface CliContext {
  kafka: KafkaClient;
  codec: AvroCodec;
  registryUrl: string;
  /** The contracts with TOPIC_PREFIX applied. */
  contracts: Contracts;
  topicPrefix: string;
}

/** Builds the context from KAFKA_BROKERS, SCHEMA_REGISTRY_URL and TOPIC_PREFIX (defaults: the local stack). */
export function cliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const config = parseConfig(kafkaEnvSchema, env, 'environment');
  // The CLI prints its own results; only warnings from the client are worth showing.
  const logger = createLogger('amtsbote-cli', { level: env['LOG_LEVEL'] ?? 'warn', destination: process.stderr });
  return {
    kafka: createKafkajsClient({ brokers: config.KAFKA_BROKERS, clientId: 'amtsbote-cli', logger }),
    codec: createAvroCodec({ url: config.SCHEMA_REGISTRY_URL }),
    registryUrl: config.SCHEMA_REGISTRY_URL,
    contracts: contractsFor(config.TOPIC_PREFIX),
    topicPrefix: config.TOPIC_PREFIX,
  };
}
