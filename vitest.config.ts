import { defineConfig } from 'vitest/config';

// Integration tests (`*.int.test.ts`, against a real broker and registry) that drive the
// three-broker cluster: they kill its brokers, so two of them must never run at once.
const clusterTests = ['services/lib/core/src/kafka/broker-failure.int.test.ts', 'services/receipts/src/cluster-faults.int.test.ts'];

/**
 * The fault matrix (`npm run test:faults`): the fault proofs above that already run in `npm test`,
 * and the longer ones (`*.fault.test.ts`) that only this command runs. Each test is a row of the
 * table in .cache/faults/results.md. One file at a time: they stop brokers and use the cluster.
 */
const faultRows = [
  'services/delivery/src/delivery-crash.int.test.ts',
  'services/delivery/src/translator-crash.int.test.ts',
  ...clusterTests,
  'services/delivery/src/lanes.int.test.ts',
  'services/receipts/src/canaries.int.test.ts',
  '{services,connectors}/**/src/**/*.fault.test.ts',
];
const faultMatrix = process.env['AMTSBOTE_FAULTS'] === '1';

/**
 * An integration project. Its files get topics of their own (a unique prefix), so several can run
 * at once: the fault proofs mostly wait (an outage, a restart) and leave the cores to the others.
 * Projects run one group after the other.
 */
const integration = (name: string, include: string[], options: { exclude?: string[]; serial?: boolean; groupOrder: number; globalSetup?: string[] }) => ({
  extends: true as const,
  test: {
    name,
    include,
    exclude: ['**/node_modules/**', '**/dist/**', ...(options.exclude ?? [])],
    maxWorkers: options.serial ? 1 : 3,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    sequence: { groupOrder: options.groupOrder },
    // Added to the root's (which provides the broker and registry).
    ...(options.globalSetup ? { globalSetup: options.globalSetup } : {}),
  },
});

// One run for the whole monorepo: unit tests first, then the integration tests, three files at a
// time, then the cluster tests.
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
          exclude: ['**/*.int.test.ts', '**/*.fault.test.ts', '**/node_modules/**', '**/dist/**'],
          sequence: { groupOrder: 0 },
        },
      },
      integration('integration', ['{schemas,services,connectors,infra,scripts}/**/*.int.test.ts'], { exclude: clusterTests, groupOrder: 1 }),
      integration('cluster', clusterTests, { serial: true, groupOrder: 2 }),
      // Only with AMTSBOTE_FAULTS=1 (npm run test:faults), so that `vitest run` does not run it.
      ...(faultMatrix
        ? [integration('faults', faultRows, { serial: true, groupOrder: 3, globalSetup: ['./services/lib/testing/src/fault-matrix-setup.ts'] })]
        : []),
    ],
    ...(faultMatrix ? { reporters: ['default', './services/lib/testing/src/fault-matrix-reporter.ts'] } : {}),
  },
});
