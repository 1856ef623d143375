import { defineConfig } from 'vitest/config';

/**
 * Two projects in one run, so CI's one count covers both: every test (the compose-commands
 * scenarios on the engine BERTH_TEST_ENGINE names, Docker's by default), and those scenarios
 * again on berth's own daemon (test/harness/docker-engine.ts reads BERTH_TEST_ENGINE), since the
 * suite must run unchanged against both engines.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'compose-on-berth', include: ['test/compose/**/*.test.ts'], env: { BERTH_TEST_ENGINE: 'berth' } } },
    ],
  },
});
