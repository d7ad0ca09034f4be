import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{client,server,shared,service}/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Servers, child processes and Redis keys are per test file; files may run in parallel.
    fileParallelism: true,
  },
});
