import { z } from 'zod';
import { AmtsboteError } from './errors.js';

/**
 * Parses configuration once at start-up. Fails fast with a message that names every bad field,
 * e.g. `KAFKA_BROKERS: Required`, so an operator sees at once what to fix.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, source = 'configuration'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `invalid ${source}:\n  ${lines.join('\n  ')}`);
}

/** A comma-separated list in one environment variable, e.g. `KAFKA_BROKERS=a:9092,b:9092`. */
export const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1));

/** The settings every service shares for reaching Kafka and the schema registry. */
export const kafkaEnvSchema = z.object({
  KAFKA_BROKERS: commaList.default(['127.0.0.1:9092']),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  /** Prefixes every topic and subject, so environments or test runs can share one cluster. */
  TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/).default(''),
  /**
   * PLAINTEXT (development) or SASL_SSL: TLS, then a SCRAM user with the ACLs of infra/kafka/acls.yaml.
   * Which combinations are valid is checked by kafkaSecurityOf (kafka/security.ts).
   */
  KAFKA_SECURITY_PROTOCOL: z.enum(['PLAINTEXT', 'SASL_SSL']).default('PLAINTEXT'),
  KAFKA_SASL_MECHANISM: z.string().toLowerCase().pipe(z.literal('scram-sha-512')).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** The password by reference: a file holding it (e.g. a mounted secret), never the value itself. */
  KAFKA_SASL_PASSWORD_FILE: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.undefined({ error: 'not read: secrets are passed by reference, put the password in a file and set KAFKA_SASL_PASSWORD_FILE' }).optional(),
  /** PEM with the CA(s) that signed the brokers' certificates; without it, Node's built-in CAs. */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  /** Which library produces (docs/decisions/0007): kafkajs, or @platformatic/kafka at a quarter of the CPU, not yet proven on the cluster. */
  KAFKA_PRODUCER_LIBRARY: z.enum(['kafkajs', 'platformatic']).default('kafkajs'),
});

/** The shared Kafka and registry settings, validated. */
export type KafkaEnv = z.infer<typeof kafkaEnvSchema>;

/** The settings every pipeline service shares; each service names its own consumer group and health port. */
export function pipelineEnvSchema(defaults: { groupId: string; healthPort: number }) {
  return kafkaEnvSchema.extend({
    GROUP_ID: z.string().default(defaults.groupId),
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(defaults.healthPort),
    PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(3),
    /**
     * How long a silent group member keeps its partitions. After a crash, its successor waits this
     * long before it gets them; the broker accepts 6 s (group.min.session.timeout.ms) and more.
     */
    SESSION_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  });
}

/** A pipeline service's shared settings, validated. */
export type PipelineEnv = z.infer<ReturnType<typeof pipelineEnvSchema>>;
