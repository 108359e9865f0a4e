// Four vitest projects: pure logic in node (unit, property), React in happy-dom (dom),
// and integration tests against the local Supabase stand-in (one Postgres per run,
// one database per test file, cloned from a migrated template).
import { defineConfig } from 'vitest/config';

// Fixed fast-check seed for every project (tests/support/fast-check.ts).
const FAST_CHECK = 'tests/support/fast-check.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          setupFiles: [FAST_CHECK],
          include: ['tests/unit/**/*.test.ts'],
          // Some files start and stop a Postgres: slow on a loaded CI machine.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'property',
          environment: 'node',
          setupFiles: [FAST_CHECK],
          include: ['tests/property/**/*.property.test.ts'],
          // fast-check runs >= 100 cases per property; some properties run real algorithms.
          testTimeout: 60_000,
          // Database-backed properties start and stop their own Postgres in hooks. A CI run
          // failed outside any test with every test passed; a stop (shutdown checkpoint,
          // data directory removal) overrunning the default 10 s is the likeliest cause.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'happy-dom',
          setupFiles: [FAST_CHECK],
          include: ['tests/dom/**/*.dom.test.tsx'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          setupFiles: [FAST_CHECK],
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Each file starts its own gateway on a free port against its own database.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One file at a time: sync pulls wait for the cluster-wide xmin, so a long write
          // transaction in one file (e.g. a demo load) would stall pulls in another.
          maxWorkers: 1,
        },
      },
    ],
  },
});
