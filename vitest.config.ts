import { defineConfig } from 'vitest/config';

/**
 * Three test tiers (see ../shared/GUIDE.md): unit tests next to the code, integration tests against
 * real peers (server, SQLite, RxDB clients), end-to-end tests driving the built PWA in Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'sync-server/src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // scripts/test.sh runs this tier beside e2e on CI's 2 cores: the slowest files (the WMS command
          // line's ten runs, the million-row CSV) took ~100 s alone, so a hang still fails, not a shared core.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
