import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../../src/main/bootstrap.ts';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { freePort } from './net.ts';
import { seedDataDir } from './pglite-template.ts';
import { createPostgresDatabase, TEST_STORE } from './stores.ts';

/**
 * `vouch serve` as a real process with `env`, once it answers `/health` at `url` (for kill and restart tests).
 * With `output`, its log lines (standard output) are passed to it as they come.
 */
export async function startServerProcess(
  env: Record<string, string>,
  url: string,
  options: { output?: (text: string) => void } = {},
): Promise<ChildProcess> {
  const child = spawn('node', ['bin/vouch.js', 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', options.output ? 'pipe' : 'ignore', 'ignore'],
  });
  child.stdout?.setEncoding('utf8').on('data', (text: string) => options.output!(text));
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/** Everything a real-process test needs before its first start: a data directory, a port, a database, a seeded demo account. */
export interface ServerProcessSetup {
  env: Record<string, string>;
  url: string;
  port: number;
  dataDir: string;
  /** The demo account (token, programs), made before the server starts. */
  demo: Awaited<ReturnType<typeof bootstrap>>;
  /** Kills the processes started with `start`, drops the database, removes the data directory. */
  cleanup(): Promise<void>;
  /** Starts `vouch serve` with the set-up's environment (and `extra` on top); killed by `cleanup`. */
  start(extra?: Record<string, string>, options?: { output?: (text: string) => void }): Promise<ChildProcess>;
}

/**
 * A server's environment on the store under test (a fresh PostgreSQL database, or the embedded store in a
 * fresh data directory), with rate limits off and `extra` on top, and the demo account seeded in it.
 */
export async function prepareServerProcess(extra: Record<string, string> = {}): Promise<ServerProcessSetup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-process-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'error',
    SECRET_KEY: randomBytes(32).toString('hex'),
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_STEP: '0',
    RATE_LIMIT_LINK: '0',
    RATE_LIMIT_UPLOAD: '0',
    RATE_LIMIT_AUTH: '0',
  };
  const db = TEST_STORE === 'postgres' ? await createPostgresDatabase() : null;
  if (db) env.DATABASE_URL = db.url;
  // The embedded store starts from a copy of a migrated database (unless the test brings a directory of its own).
  else if (!extra.DATA_DIR) await seedDataDir(dataDir);
  Object.assign(env, extra);
  const seeding = await createContainer(loadConfig(env));
  const demo = await bootstrap(seeding).finally(() => seeding.close());
  const children: ChildProcess[] = [];
  return {
    env,
    url,
    port,
    dataDir,
    demo,
    start: async (more = {}, options = {}) => {
      const child = await startServerProcess({ ...env, ...more }, url, options);
      children.push(child);
      return child;
    },
    cleanup: async () => {
      for (const c of children) c.kill('SIGKILL');
      await db?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
