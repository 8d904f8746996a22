import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/app.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

// A disk of its own that can really fill up: a small tmpfs, which needs root (or CAP_SYS_ADMIN). Elsewhere
// the test is skipped.
const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-full-disk-'));
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mnt], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
let setup: ServerProcessSetup | undefined;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) c();
  await setup?.cleanup();
  if (mounted) execFileSync('umount', ['-l', mnt]);
  fs.rmSync(mnt, { recursive: true, force: true });
});

/** Fills the disk of `dir` to its last block; returns the filler, whose truncation frees space again. */
function fill(dir: string): string {
  const filler = path.join(dir, `filler-${randomBytes(4).toString('hex')}`);
  const fd = fs.openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 4096]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

/** `vouch serve` expected to fail at start: its exit code and what it said. */
function failedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('node', ['bin/vouch.js', 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  return new Promise((r) => child.once('exit', (code) => r({ code, stderr })));
}

async function killed(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe.skipIf(!mounted)(`the data directory's disk fills up (${TEST_STORE})`, () => {
  it('/ready answers 503 naming what cannot write, a start says the disk is full and where, and all is well once there is room', async () => {
    const dataDir = path.join(mnt, 'data');
    setup = await prepareServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const { url, env } = setup;
    let log = '';
    let server = await setup.start(
      {},
      {
        output: (text) => {
          log += text;
        },
      },
    );
    expect((await api(`${url}/ready`)).status).toBe(200);

    const filler = fill(mnt);
    const down = await until(
      () => api(`${url}/ready`),
      (r) => r.status === 503,
      20_000,
      200,
    );
    // The embedded store's data is on that disk; PostgreSQL's is not (only the blobs are).
    expect(down.json).toEqual({
      status: 'unavailable',
      checks: { store: TEST_STORE === 'pglite' ? 'unavailable' : 'ok', jobs: 'ok', key: 'ok', blobs: 'unavailable' },
    });
    await until(
      async () => log,
      (l) => l.includes('"check":"blobs"'),
      20_000,
      100,
    );

    // A crash, and a start while the disk is still full.
    await killed(server);
    if (TEST_STORE === 'pglite') {
      const full = await failedStart(env);
      expect(full.code).toBe(1);
      expect(full.stderr).toContain(`The disk holding ${dataDir} is full`);
      expect(full.stderr).toContain('Free space on that disk');
      // A first start in a new directory, with a little room left: PGlite itself fails there.
      fs.truncateSync(filler, fs.statSync(filler).size - 64 * 1024);
      const fresh = await failedStart({ ...env, DATA_DIR: path.join(mnt, 'fresh') });
      expect(fresh.code).toBe(1);
      expect(fresh.stderr).toContain(`The disk holding ${path.join(mnt, 'fresh')} is full`);
      expect(fresh.stderr).not.toContain('[object Object]');
    }

    fs.rmSync(filler);
    server = await setup.start();
    await until(
      () => api(`${url}/ready`),
      (r) => r.status === 200,
      20_000,
      200,
    );
    await killed(server);
  }, 240_000);
});
