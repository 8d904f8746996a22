import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files are independent (each starts its own server on its own port, over its own data directory or
// PostgreSQL database), so they run in parallel: one more than the cores, since part of a file's time is
// spent waiting on sockets, child processes, jobs and timers. Vitest's default (one fewer than the cores)
// would run them one by one on 2 cores. VOUCH_TEST_WORKERS, or --maxWorkers, sets another count.
const workers = Number(process.env.VOUCH_TEST_WORKERS) || Math.min(8, os.availableParallelism() + 1);

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
