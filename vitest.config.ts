import { defineConfig } from 'vitest/config';

// One run for the whole monorepo: unit tests in parallel, integration tests (`*.int.test.ts`,
// against a real broker and registry) one file at a time, because they share the machine's 2 cores.
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
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{schemas,services,connectors,infra}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
