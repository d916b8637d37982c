import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaEnvSchema, parseConfig } from '../config.js';
import { kafkaSecurityOf, readSecretFile } from './security.js';

const dir = mkdtempSync(join(tmpdir(), 'amtsbote-security-'));
const passwordFile = join(dir, 'delivery.password');
writeFileSync(passwordFile, 's3cret\n', { mode: 0o600 });
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');

const securityOf = (env: Record<string, string>) => kafkaSecurityOf(parseConfig(kafkaEnvSchema, env, 'environment'));

describe('Kafka security settings', () => {
  it('default to plaintext, as before', () => {
    expect(securityOf({})).toEqual({ protocol: 'PLAINTEXT' });
  });

  it('take SASL_SSL with a SCRAM-SHA-512 user, the password and the CA by file', () => {
    expect(
      securityOf({
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'delivery',
        KAFKA_SASL_PASSWORD_FILE: passwordFile,
        KAFKA_SSL_CA_FILE: caFile,
      }),
    ).toEqual({ protocol: 'SASL_SSL', mechanism: 'scram-sha-512', username: 'delivery', passwordFile, caFile });
  });

  it('name every missing piece of SASL_SSL', () => {
    expect(() => securityOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toThrow(
      /KAFKA_SASL_USERNAME: required with KAFKA_SECURITY_PROTOCOL=SASL_SSL[\s\S]*KAFKA_SASL_PASSWORD_FILE: required/,
    );
  });

  it('refuse a password file or CA that cannot be read, or an empty one, naming the variable', () => {
    const empty = join(dir, 'empty.password');
    writeFileSync(empty, '');
    const base = { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'delivery' };
    expect(() => securityOf({ ...base, KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })).toThrow(/KAFKA_SASL_PASSWORD_FILE: cannot read .*missing \(ENOENT\)/);
    expect(() => securityOf({ ...base, KAFKA_SASL_PASSWORD_FILE: empty })).toThrow(/KAFKA_SASL_PASSWORD_FILE: .*empty\.password is empty/);
    expect(() => securityOf({ ...base, KAFKA_SASL_PASSWORD_FILE: passwordFile, KAFKA_SSL_CA_FILE: join(dir, 'nope.pem') })).toThrow(/KAFKA_SSL_CA_FILE: cannot read/);
  });

  it('refuse credentials for a plaintext connection, where they would silently go unused', () => {
    expect(() => securityOf({ KAFKA_SASL_USERNAME: 'delivery', KAFKA_SASL_PASSWORD_FILE: passwordFile })).toThrow(
      /KAFKA_SASL_USERNAME: set, but KAFKA_SECURITY_PROTOCOL is PLAINTEXT[\s\S]*KAFKA_SASL_PASSWORD_FILE: set/,
    );
  });

  it('refuse a password given as a value, and mechanisms other than SCRAM-SHA-512', () => {
    expect(() => parseConfig(kafkaEnvSchema, { KAFKA_SASL_PASSWORD: 'hunter2' }, 'environment')).toThrow(/KAFKA_SASL_PASSWORD: not read: secrets are passed by reference/);
    expect(() => parseConfig(kafkaEnvSchema, { KAFKA_SASL_PASSWORD: 'hunter2' }, 'environment')).not.toThrow(/hunter2/);
    expect(() => parseConfig(kafkaEnvSchema, { KAFKA_SECURITY_PROTOCOL: 'SSL' }, 'environment')).toThrow(/KAFKA_SECURITY_PROTOCOL/);
    expect(() => parseConfig(kafkaEnvSchema, { KAFKA_SASL_MECHANISM: 'plain' }, 'environment')).toThrow(/KAFKA_SASL_MECHANISM/);
  });

  it('read a secret without the line break at its end', () => {
    expect(readSecretFile(passwordFile)).toBe('s3cret');
  });
});
