import { describe, expect, it } from 'vitest';
import { parseConfig, pipelineEnvSchema } from './config.js';
import { pipelineSettingsOf, stageSettingsOf } from './pipeline-service.js';

describe('pipelineEnvSchema', () => {
  const schema = pipelineEnvSchema({ groupId: 'amtsbote-test', healthPort: 9199 });

  it('gives each service its own group and health port by default, and maps the settings onto the pipeline', () => {
    const env = parseConfig(schema, {});
    expect(pipelineSettingsOf(env)).toEqual({
      brokers: ['127.0.0.1:9092'],
      kafkaSecurity: { protocol: 'PLAINTEXT' },
      producerLibrary: 'kafkajs',
      registryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
      topicPrefix: '',
      healthPort: 9199,
      sessionTimeoutMs: 30_000,
    });
    expect(stageSettingsOf(env)).toEqual({ groupId: 'amtsbote-test', partitionsConsumedConcurrently: 3 });
  });

  it('produces with kafkajs unless told otherwise, and refuses a library it does not know', () => {
    expect(pipelineSettingsOf(parseConfig(schema, { KAFKA_PRODUCER_LIBRARY: 'platformatic' })).producerLibrary).toBe('platformatic');
    expect(() => parseConfig(schema, { KAFKA_PRODUCER_LIBRARY: 'librdkafka' }, 'environment')).toThrow(/KAFKA_PRODUCER_LIBRARY/);
  });

  it('names every bad field', () => {
    expect(() => parseConfig(schema, { HEALTH_PORT: '70000', PARTITIONS_CONCURRENTLY: '0', SESSION_TIMEOUT_MS: '6s' }, 'environment')).toThrow(
      /HEALTH_PORT[\s\S]*PARTITIONS_CONCURRENTLY[\s\S]*SESSION_TIMEOUT_MS/,
    );
  });
});
