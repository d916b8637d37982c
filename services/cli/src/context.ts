import { fileURLToPath } from 'node:url';
import { contractsFor, type Contracts } from '@amtsbote/schemas';
import {
  createAvroCodec,
  createKafkajsAclAdmin,
  createKafkaClient,
  createLogger,
  kafkaEnvSchema,
  kafkaSecurityOf,
  parseConfig,
  type AclAdmin,
  type AvroCodec,
  type KafkaClient,
} from '@amtsbote/core';

/** The repository root, for defaults such as infra/topics.yaml. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What every command that talks to Kafka or the registry needs. */
export interface CliContext {
  kafka: KafkaClient;
  /** ACLs are the admin user's business only (`acls apply`), so they have a client of their own. */
  aclAdmin(): AclAdmin;
  codec: AvroCodec;
  registryUrl: string;
  /** The contracts with TOPIC_PREFIX applied. */
  contracts: Contracts;
  topicPrefix: string;
}

/**
 * Builds the context from KAFKA_BROKERS, SCHEMA_REGISTRY_URL and TOPIC_PREFIX (defaults: the local
 * stack), and on a secured cluster KAFKA_SECURITY_PROTOCOL=SASL_SSL with the admin user's
 * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE and KAFKA_SSL_CA_FILE.
 */
export function cliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const config = parseConfig(kafkaEnvSchema, env, 'environment');
  // The CLI prints its own results; only warnings from the client are worth showing.
  const logger = createLogger('amtsbote-cli', { level: env['LOG_LEVEL'] ?? 'warn', destination: process.stderr });
  const clientOptions = { brokers: config.KAFKA_BROKERS, clientId: 'amtsbote-cli', logger, security: kafkaSecurityOf(config) };
  return {
    kafka: createKafkaClient({ ...clientOptions, producerLibrary: config.KAFKA_PRODUCER_LIBRARY }),
    aclAdmin: () => createKafkajsAclAdmin(clientOptions),
    codec: createAvroCodec({ url: config.SCHEMA_REGISTRY_URL }),
    registryUrl: config.SCHEMA_REGISTRY_URL,
    contracts: contractsFor(config.TOPIC_PREFIX),
    topicPrefix: config.TOPIC_PREFIX,
  };
}
