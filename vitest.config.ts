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
    // A worker runs its files one after another in one module graph instead of importing the sources again
    // for each file (about a second per file) and compiling PGlite anew: the run took 8 minutes on 2 cores
    // with isolation, under 6 without. Files share no state but the modules: each starts its own server,
    // data directory or database, and nothing in src/ keeps state at module level that a test depends on.
    isolate: false,
    globalSetup: ['./test/support/global-setup.ts'],
    maxWorkers: workers,
    reporters: ['default', './test/support/slowest-files.ts'],
  },
});
