import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { api } from '../support/app.ts';
import { seedStudents } from '../support/seed.ts';
import { seedDataDir } from '../support/pglite-template.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';
import { startServerProcess } from '../support/server-process.ts';

const RECORDS = 3000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-crash-'));
const port = 21000 + Math.floor(Math.random() * 20000);
const url = `http://127.0.0.1:${port}`;
let dropDb: (() => Promise<void>) | undefined;
let server: ChildProcess | undefined;
afterAll(async () => {
  server?.kill('SIGKILL');
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function reportOf(token: string, batchId: string) {
  const requested = await api(`${url}/rest/v2/report/reverify/${batchId}`, { token, method: 'POST' });
  const ready = await until(
    () => api(requested.json.statusUrl, { token }),
    (r) => r.json.status === 'COMPLETE',
    120_000,
    25,
  );
  return (await fetch(ready.json.retrievalUrl, { headers: { authorization: `Bearer ${token}` } })).text();
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe(`a batch survives SIGKILL (${TEST_STORE})`, () => {
  it('finishes every record exactly once after a restart, with the same report as an uninterrupted run', async () => {
    // The restarted server runs the small memory profile: the profile changes how V8 works, never a result.
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'error',
      SECRET_KEY: randomBytes(32).toString('hex'),
    };
    if (TEST_STORE === 'postgres') {
      const db = await createPostgresDatabase();
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    } else {
      await seedDataDir(dataDir);
    }
    const seeding = await createContainer(loadConfig(env));
    const seeded = await seedStudents(seeding, RECORDS);
    await seeding.close();

    server = await startServerProcess(env, url);
    const batch = await api(`${url}/rest/v2/verification/reverify`, {
      token: seeded.token,
      body: { programId: seeded.programId, verificationIds: seeded.ids },
    });
    expect(batch.status).toBe(200);
    const midway = await until(
      () => api(batch.json.statusUrl, { token: seeded.token }),
      (r) => r.json.recordsProcessed > 0,
      60_000,
      25,
    );
    server.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    expect(midway.json.recordsProcessed).toBeLessThan(RECORDS);

    server = await startServerProcess({ ...env, MEMORY_PROFILE: 'small' }, url);
    const done = await until(
      () => api(batch.json.statusUrl, { token: seeded.token }),
      (r) => r.json.status === 'COMPLETE',
      120_000,
      25,
    );
    expect(done.json).toMatchObject({ totalRecords: RECORDS, recordsProcessed: RECORDS });
    const interrupted = await reportOf(seeded.token, batch.json.batchId);
    await stop(server);
    server = await startServerProcess(env, url);

    const again = await api(`${url}/rest/v2/verification/reverify`, {
      token: seeded.token,
      body: { programId: seeded.programId, verificationIds: seeded.ids },
    });
    await until(
      () => api(again.json.statusUrl, { token: seeded.token }),
      (r) => r.json.status === 'COMPLETE',
      120_000,
      25,
    );
    const uninterrupted = await reportOf(seeded.token, again.json.batchId);

    expect(interrupted.split('\n')).toHaveLength(RECORDS + 2);
    expect(interrupted).toBe(uninterrupted);
    const results = interrupted
      .split('\n')
      .slice(1, -1)
      .map((l) => l.split(',')[5]);
    expect(results.filter((r) => r === '"false"')).toHaveLength(RECORDS / 10); // every tenth person is off the roster
    await stop(server);
    server = undefined;

    const check = await createContainer(loadConfig(env));
    try {
      const perRecord = await check.store.db
        .selectFrom('verifications')
        .select(['reverify_of', (eb) => eb.fn.countAll().as('n')])
        .where('reverify_batch_id', '=', batch.json.batchId)
        .groupBy('reverify_of')
        .execute();
      expect(perRecord).toHaveLength(RECORDS);
      expect(perRecord.every((r) => Number(r.n) === 1)).toBe(true);
    } finally {
      await check.close();
    }
  }, 300_000);
});
