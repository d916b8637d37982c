import { describe, expect, it } from 'vitest';
import { parseConfig, pipelineEnvSchema } from './config.js';
import { pipelineSettingsOf } from './pipeline-service.js';

describe('pipelineEnvSchema', () => {
  const schema = pipelineEnvSchema({ groupId: 'amtsbote-test', healthPort: 9199 });

  it('gives each service its own group and health port by default, and maps the settings onto the pipeline', () => {
    expect(pipelineSettingsOf(parseConfig(schema, {}))).toEqual({
      brokers: ['127.0.0.1:9092'],
      registryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
      topicPrefix: '',
      groupId: 'amtsbote-test',
      healthPort: 9199,
      partitionsConsumedConcurrently: 3,
    });
  });

  it('names every bad field', () => {
    expect(() => parseConfig(schema, { HEALTH_PORT: '70000', PARTITIONS_CONCURRENTLY: '0' }, 'environment')).toThrow(
      /HEALTH_PORT[\s\S]*PARTITIONS_CONCURRENTLY/,
    );
  });
});
