import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files are independent (each starts its own server on its own port, over its own data directory or
// PostgreSQL database), so they run in parallel: as many as the cores. Vitest's default (one fewer than the
// cores) would run them one by one on 2 cores; one more than the cores made the CLI tests (each call a new
// Node process) run out of time on a busy 2-core machine. VOUCH_TEST_WORKERS, or --maxWorkers, sets another count.
const workers = Number(process.env.VOUCH_TEST_WORKERS) || Math.min(8, os.availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./test/support/global-setup.ts'],
    maxWorkers: workers,
    reporters: ['default', './test/support/slowest-files.ts'],
  },
});
