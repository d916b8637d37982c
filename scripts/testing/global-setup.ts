import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../../', import.meta.url));

import '../../services/lib/testing/src/provided-context.js';

function dockerAnswers(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
}

/**
 * Provides the broker and registry to integration tests, in this order of preference:
 * 1. KAFKA_BROKERS and SCHEMA_REGISTRY_URL from the environment (an existing stack);
 * 2. testcontainers with infra/docker-compose.yml, when a Docker engine answers;
 * 3. the native stack (infra/kafka, infra/registry), started here and reused if already running.
 * Unit-only runs (`--project unit`) skip all of this.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const xoevSchemaDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../shared/xoev', import.meta.url));
  project.provide('xoevSchemaDir', xoevSchemaDir);
  const wantsIntegration = project.vitest.projects.some((p) => p.name === 'integration' || p.name === 'faults');
  if (!wantsIntegration) return;

  if (process.env['KAFKA_BROKERS'] && process.env['SCHEMA_REGISTRY_URL']) {
    project.provide('kafkaBrokers', process.env['KAFKA_BROKERS']);
    project.provide('schemaRegistryUrl', process.env['SCHEMA_REGISTRY_URL']);
    return;
  }

  if (dockerAnswers()) {
    const { DockerComposeEnvironment, Wait } = await import('testcontainers');
    const environment = await new DockerComposeEnvironment(`${root}infra`, 'docker-compose.yml')
      .withWaitStrategy('kafka-1', Wait.forHealthCheck())
      .withWaitStrategy('registry-1', Wait.forHealthCheck())
      .up(['kafka', 'registry']);
    project.provide('kafkaBrokers', '127.0.0.1:9092');
    project.provide('schemaRegistryUrl', 'http://127.0.0.1:8081/apis/ccompat/v7');
    return async () => {
      await environment.down();
    };
  }

  if (!existsSync(`${root}infra/kafka/kafka.sh`)) throw new Error('infra/kafka/kafka.sh is missing');
  execFileSync('bash', [`${root}infra/kafka/kafka.sh`, 'up'], { stdio: 'inherit' });
  execFileSync('bash', [`${root}infra/registry/registry.sh`, 'up'], { stdio: 'inherit' });
  project.provide('kafkaBrokers', '127.0.0.1:9092');
  project.provide('schemaRegistryUrl', 'http://127.0.0.1:8081/apis/ccompat/v7');
  // The native stack stays up for the next run; `infra/stack.sh down` stops it.
}
