import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/main/bootstrap.ts';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { freePort } from '../support/net.ts';
import { startServerProcess } from '../support/server-process.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { until } from '../support/wait.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-outage-'));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  json: any;
  retryAfter: string | null;
}
/** POST that always resolves: an answer, or status 0 when none came within 15 s (a hang). */
async function post(url: string, body: unknown): Promise<Answer> {
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: r.status, json: await r.json().catch(() => null), retryAfter: r.headers.get('retry-after') };
  } catch {
    return { status: 0, json: null, retryAfter: null };
  }
}

// The embedded store has no connection to lose; this is PostgreSQL's fault.
describe.skipIf(TEST_STORE !== 'postgres')('the database goes away under load (postgres)', () => {
  it('survives connections cut and a frozen server: 503 meanwhile, success after, no acknowledged write lost', async () => {
    const db = await createPostgresDatabase();
    cleanups.push(db.drop);
    const direct = new URL(db.url);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    cleanups.push(proxy.close);
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'error',
      SECRET_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      DB_QUERY_TIMEOUT_MS: '2000',
      DB_CONNECT_TIMEOUT_MS: '1000',
      RATE_LIMIT_CREATE: '0',
    };
    const seeding = await createContainer(loadConfig(env));
    const demo = await bootstrap(seeding);
    await seeding.close();

    const server: ChildProcess = await startServerProcess({ ...env, DATABASE_URL: viaProxy.toString() }, url);
    cleanups.push(() => server.kill('SIGKILL'));
    const exited = new Promise<number | null>((r) => server.once('exit', r));
    let died = false;
    void exited.then(() => {
      died = true;
    });

    // Load: end users starting verifications, each with its own tracking id, one after another per worker.
    const acknowledged: string[] = [];
    const answers: Answer[] = [];
    let loading = true;
    let n = 0;
    const worker = async () => {
      while (loading) {
        const trackingId = `outage-${n++}`;
        const a = await post(`${url}/rest/v2/verification`, { programId: demo.programs.student, trackingId });
        answers.push(a);
        if (a.status === 200) acknowledged.push(trackingId);
        else await new Promise((r) => setTimeout(r, 50));
      }
    };
    const load = Promise.all(Array.from({ length: 4 }, worker));
    const succeeding = () =>
      until(
        async () => answers.slice(-4),
        (last) => last.length === 4 && last.every((a) => a.status === 200),
        60_000,
        100,
      );

    await succeeding();
    // 1. Every connection cut, new ones refused for a while (a restart, a failover).
    proxy.cut();
    await until(
      async () => answers.filter((a) => a.status === 503).length,
      (k) => k >= 3,
      30_000,
      100,
    );
    await new Promise((r) => setTimeout(r, 1500));
    proxy.heal();
    await succeeding();
    // 2. The server freezes: connections stay open, nothing answers.
    const beforeFreeze = answers.length;
    proxy.freeze();
    await until(
      async () => answers.slice(beforeFreeze).filter((a) => a.status === 503).length,
      (k) => k >= 3,
      30_000,
      100,
    );
    proxy.heal();
    await succeeding();
    // 3. The server ends every session itself (what a restart does to live connections).
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();
    await succeeding();
    loading = false;
    await load;

    expect(died).toBe(false);
    const failures = answers.filter((a) => a.status !== 200);
    // While the database was away: 503 in the eligibility shape with a retryable errorId, never a 500, never a hang.
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.status).toBe(503);
      expect(f.json).toMatchObject({ currentStep: 'error', errorIds: ['serviceUnavailable'] });
      expect(Number(f.retryAfter)).toBeGreaterThan(0);
    }
    // Nothing acknowledged was lost.
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const stored = await check.query('select tracking_id from verifications where tracking_id = any($1)', [acknowledged]);
    await check.end();
    expect(stored.rowCount).toBe(acknowledged.length);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  }, 240_000);
});
