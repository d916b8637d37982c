import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { AmtsboteError } from '../errors.js';

/**
 * How a client reaches the brokers: in plain text (development, the default), or over TLS with a
 * SCRAM-SHA-512 user (SASL_SSL). Secrets are held by reference: the password stays in its file
 * until the Kafka client is created.
 */
export type KafkaSecurity =
  | { protocol: 'PLAINTEXT' }
  | {
      protocol: 'SASL_SSL';
      mechanism: 'scram-sha-512';
      username: string;
      passwordFile: string;
      /** PEM with the CA(s) that signed the brokers' certificates; without it, Node's built-in CAs. */
      caFile?: string;
    };

/** The environment variables `kafkaSecurityOf` reads (kafkaEnvSchema has them, parsed). */
export interface KafkaSecurityEnv {
  KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' | 'SASL_SSL';
  KAFKA_SASL_MECHANISM: 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD_FILE?: string | undefined;
  KAFKA_SSL_CA_FILE?: string | undefined;
}

/** What is wrong with `file` as a readable, non-empty file, naming the variable that points at it; undefined if nothing. */
function fileProblem(variable: string, file: string): string | undefined {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).size === 0 ? `${variable}: ${file} is empty` : undefined;
  } catch (err) {
    return `${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}

/**
 * The Kafka security settings of a parsed environment. Checks what one variable alone cannot: that
 * SASL_SSL has a user and a password file, that the files can be read, and that credentials are not
 * given for a plaintext connection (they would silently go unused). Throws AMTSBOTE_CONFIG_INVALID
 * naming every problem, as parseConfig does; never reads the password into the result.
 */
export function kafkaSecurityOf(env: KafkaSecurityEnv): KafkaSecurity {
  const problems: (string | undefined)[] = [];
  if (env.KAFKA_SECURITY_PROTOCOL === 'PLAINTEXT') {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SSL_CA_FILE'] as const) {
      if (env[variable]) problems.push(`${variable}: set, but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: set KAFKA_SECURITY_PROTOCOL=SASL_SSL`);
    }
  } else {
    if (!env.KAFKA_SASL_USERNAME) problems.push('KAFKA_SASL_USERNAME: required with KAFKA_SECURITY_PROTOCOL=SASL_SSL');
    if (!env.KAFKA_SASL_PASSWORD_FILE) problems.push('KAFKA_SASL_PASSWORD_FILE: required with KAFKA_SECURITY_PROTOCOL=SASL_SSL (a file holding the password)');
    else problems.push(fileProblem('KAFKA_SASL_PASSWORD_FILE', env.KAFKA_SASL_PASSWORD_FILE));
    if (env.KAFKA_SSL_CA_FILE) problems.push(fileProblem('KAFKA_SSL_CA_FILE', env.KAFKA_SSL_CA_FILE));
  }
  const found = problems.filter((p) => p !== undefined);
  if (found.length > 0) throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `invalid environment:\n  ${found.join('\n  ')}`);
  if (env.KAFKA_SECURITY_PROTOCOL === 'PLAINTEXT') return { protocol: 'PLAINTEXT' };
  return {
    protocol: 'SASL_SSL',
    mechanism: env.KAFKA_SASL_MECHANISM,
    username: env.KAFKA_SASL_USERNAME!,
    passwordFile: env.KAFKA_SASL_PASSWORD_FILE!,
    ...(env.KAFKA_SSL_CA_FILE ? { caFile: env.KAFKA_SSL_CA_FILE } : {}),
  };
}

/** A secret from its file, without the line break editors and `echo` leave at its end. */
export function readSecretFile(file: string): string {
  return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
}
