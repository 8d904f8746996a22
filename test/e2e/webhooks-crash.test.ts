import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapAccount } from '../../src/main/bootstrap.ts';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { ensureAccount } from '../../src/modules/accounts/index.ts';
import { api } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { freePort } from '../support/net.ts';
import { seedDataDir } from '../support/pglite-template.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';
import { until } from '../support/wait.ts';
import { startServerProcess } from '../support/server-process.ts';

const FLOWS = 20;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-webhook-crash-'));
let server: ChildProcess | undefined;
let sink: Receiver | undefined;
let dropDb: (() => Promise<void>) | undefined;
afterAll(async () => {
  server?.kill('SIGKILL');
  await sink?.close();
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`webhook deliveries survive SIGKILL (${TEST_STORE})`, () => {
  it('delivers every event after a restart when the server is killed mid-delivery', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'error',
      SECRET_KEY: randomBytes(32).toString('hex'),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
    };
    if (TEST_STORE === 'postgres') {
      const db = await createPostgresDatabase();
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    } else {
      await seedDataDir(dataDir);
    }
    const seeding = await createContainer(loadConfig(env));
    const { account } = await ensureAccount(seeding.accounts, 'Webhook crash');
    const { token, programs } = await bootstrapAccount(seeding, account.id);
    await seeding.close();

    // The receiver takes the first few deliveries, then holds every request without answering.
    sink = await startReceiver((_r, n) => (n <= 6 ? { status: 204 } : 'hang'));
    server = await startServerProcess(env, url);
    const ep = await api(`${url}/manage/v1/webhooks`, { token, body: { url: sink.url, eventTypes: ['verification.*'] } });
    expect(ep.status).toBe(201);
    for (let i = 0; i < FLOWS; i++) {
      const created = await api(`${url}/rest/v2/verification`, { body: { programId: programs.student } });
      const done = await api(created.json.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
      expect(done.json.currentStep).toBe('success');
    }
    await sink.until(() => sink!.hanging > 0);
    server.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    const beforeRestart = new Set(sink.received.map((r) => r.headers['webhook-id']));
    expect(beforeRestart.size).toBeLessThan(2 * FLOWS);

    sink.answerWith(() => ({ status: 204 }));
    server = await startServerProcess(env, url);
    const events = await until(
      () => api(`${url}/manage/v1/webhooks/events?limit=200`, { token }),
      (r) => r.json.length === 2 * FLOWS && r.json.every((e: any) => e.deliveries.every((d: any) => d.status === 'delivered')),
      90_000,
    );
    const ids = events.json.map((e: any) => e.id);
    const received = new Set(sink.received.map((r) => r.headers['webhook-id']));
    for (const id of ids) expect(received.has(id), id).toBe(true);
    const wh = new Webhook(ep.json.secret);
    for (const r of sink.received) wh.verify(r.body, r.headers);
    // Each verification told both its creation and its success.
    const types: Record<string, number> = {};
    for (const e of events.json as { type: string }[]) types[e.type] = (types[e.type] ?? 0) + 1;
    expect(types).toEqual({ 'verification.created': FLOWS, 'verification.success': FLOWS });

    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
    server = undefined;
  }, 180_000);
});
