import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/platform/db/index.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-fsync-'));
  dirs.push(d);
  return d;
};
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

const hasStrace = (() => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return spawnSync('strace', ['-f', '-qq', '-e', 'trace=none', 'true']).status === 0;
  } catch {
    return false;
  }
})();

/** fsync system calls made by `vouch migrate` on a new data directory (migrations commit, the close checkpoints). */
function fsyncsOfMigrate(fsync: string): number {
  const r = spawnSync('strace', ['-f', '-qq', '-c', '-e', 'trace=fsync', 'node', 'bin/vouch.js', 'migrate'], {
    env: { ...process.env, DATA_DIR: tempDir(), PGLITE_FSYNC: fsync, DATABASE_URL: '' }, encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const row = r.stderr.split('\n').find((l) => l.trim().endsWith(' fsync'));
  // % time, seconds, usecs/call, calls, [errors,] syscall
  return row ? Number(row.trim().split(/\s+/)[3]) : 0;
}

describe('embedded store durability (PGLITE_FSYNC)', () => {
  it('runs PostgreSQL with fsync on and the log synced by fsync when asked, PGlite\'s fsync off otherwise', async () => {
    const setting = async (pgliteFsync: boolean) => {
      const store = await openStore({ dataDir: tempDir(), pgliteFsync });
      try {
        return (await sql<{ f: string; m: string }>`select current_setting('fsync') as f, current_setting('wal_sync_method') as m`.execute(store.db)).rows[0];
      } finally {
        await store.close();
      }
    };
    expect(await setting(true)).toEqual({ f: 'on', m: 'fsync' });
    expect(await setting(false)).toMatchObject({ f: 'off' });
  }, 180_000);

  // PGlite's Node filesystem has no fsync of its own: turning fsync on in PostgreSQL alone reaches no disk.
  // This counts the system calls, so an upgrade of PGlite that changes how its filesystem is built fails here.
  it.skipIf(!hasStrace)('reaches the disk: commits make fsync system calls with PGLITE_FSYNC=true (the default), none with false', () => {
    expect(fsyncsOfMigrate('true')).toBeGreaterThan(10);
    expect(fsyncsOfMigrate('false')).toBe(0);
  }, 300_000);
});
