import { defineConfig } from 'vitest/config';

// Integration tests (`*.int.test.ts`, against a real broker and registry) that drive the
// three-broker cluster (they kill its brokers), and the long fault proofs, which mostly wait.
const clusterTests = ['services/lib/core/src/kafka/broker-failure.int.test.ts', 'services/receipts/src/cluster-faults.int.test.ts'];
const faultProofs = [
  'services/delivery/src/lanes.int.test.ts',
  'services/delivery/src/delivery-crash.int.test.ts',
  'services/delivery/src/translator-crash.int.test.ts',
  'services/cli/src/commands/replay.int.test.ts',
];

/** An integration project: its files one at a time, each with its own topics (a unique prefix). */
const integration = (name: string, include: string[], exclude: string[] = []) => ({
  extends: true as const,
  test: {
    name,
    include,
    exclude: ['**/node_modules/**', '**/dist/**', ...exclude],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // After the unit tests; the three integration projects run side by side, so the machine's two
    // cores stay busy while a proof waits out an outage. The cluster tests are one project: two of
    // them at once would kill each other's brokers.
    sequence: { groupOrder: 1 },
  },
});

// One run for the whole monorepo: unit tests in parallel first, then the integration projects.
export default defineConfig({
  resolve: {
    // Workspace packages are imported from their TypeScript sources (the `source` export condition).
    conditions: ['source'],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    globalSetup: ['./scripts/testing/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{schemas,services,connectors}/**/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
          sequence: { groupOrder: 0 },
        },
      },
      integration('integration', ['{schemas,services,connectors,infra}/**/*.int.test.ts'], [...clusterTests, ...faultProofs]),
      integration('fault-proofs', faultProofs),
      integration('cluster', clusterTests),
    ],
  },
});
