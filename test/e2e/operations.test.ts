import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { bootstrap } from '../../src/main/bootstrap.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { freePort } from '../support/net.ts';
import { seedDataDir } from '../support/pglite-template.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

let app: TestApp;
let A: Awaited<ReturnType<TestApp['bootstrap']>>;
beforeAll(async () => {
  app = await startTestApp();
  A = await app.bootstrap();
});
afterAll(async () => app?.close());

const metricsText = async (url: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${url}/metrics`, { headers });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};

describe(`health, readiness and metrics (${TEST_STORE})`, () => {
  it('/health says alive and /ready checks the store, the job queue, the key and the blob directory', async () => {
    expect((await api(`${app.url}/health`)).json).toEqual({ status: 'ok' });
    const ready = await api(`${app.url}/ready`);
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'ok' } });
  });

  it('/ready answers 503 while the job store cannot be reached, and 200 again once it can', async () => {
    const db = app.running.container.store.db;
    await sql`alter schema pgboss rename to pgboss_away`.execute(db);
    try {
      // A result is kept a second, so the answer changes within one.
      const down = await until(
        () => api(`${app.url}/ready`),
        (r) => r.status === 503,
        10_000,
        100,
      );
      expect(down.json).toEqual({ status: 'unavailable', checks: { store: 'ok', jobs: 'unavailable', key: 'ok', blobs: 'ok' } });
    } finally {
      await sql`alter schema pgboss_away rename to pgboss`.execute(db);
    }
    await until(
      () => api(`${app.url}/ready`),
      (r) => r.status === 200,
      10_000,
      100,
    );
  });

  it('/metrics counts requests by route pattern, times them, and shows jobs, queue depth and webhook outcomes', async () => {
    const started = await api(`${app.url}/rest/v2/verification`, { token: A.token, body: { programId: A.programs.student } });
    const vid = started.json.verificationId;
    expect((await api(`${app.url}/rest/v2/verification/${vid}`)).status).toBe(200);
    // A client request enqueues a link mail job.
    const file = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token,
      body: {
        requesterReferenceId: `OPS-${Date.now()}`,
        clients: [{ firstName: 'Op', lastName: 'S', email: 'ops@example.com', phoneNumber: '+1 604 555 0100' }],
      },
    });
    expect(file.status).toBe(200);
    app.running.container.metrics.webhookDeliveries.inc({ outcome: 'delivered' });

    const m = await metricsText(app.url);
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(m.text).toMatch(
      /vouch_http_requests_total\{method="GET",route="\/rest\/v2\/verification\/:verificationId",status="200"\} [1-9]/,
    );
    expect(m.text).toMatch(
      /vouch_http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/rest\/v2\/verification",status="200"\} [1-9]/,
    );
    expect(m.text).toMatch(/vouch_jobs\{queue="[^"]+",state="[a-z]+"\} [0-9]+/);
    expect(m.text).toMatch(/vouch_job_queue_depth\{queue="[^"]+"\} [0-9]+/);
    expect(m.text).toMatch(/vouch_webhook_deliveries_total\{outcome="delivered"\} 1/);
    expect(m.text).toContain('vouch_process_cpu_seconds_total');
    // Route patterns, never raw paths: ids and link tokens stay out of label values.
    expect(m.text).not.toContain(vid);
    expect(m.text).not.toContain('/verify/vcl_');
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await startTestApp({ METRICS_TOKEN: 'scrape-secret' });
  });
  afterAll(async () => guarded?.close());

  it('asks for HTTP Basic with the token as password', async () => {
    const none = await metricsText(guarded.url);
    expect(none.status).toBe(401);
    expect(none.text).not.toContain('vouch_');
    const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
    expect((await metricsText(guarded.url, basic('prometheus', 'wrong'))).status).toBe(401);
    const ok = await metricsText(guarded.url, basic('prometheus', 'scrape-secret'));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('vouch_http_requests_total');
  });
});

describe(`graceful shutdown of a real process (${TEST_STORE})`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-ops-'));
  let child: ChildProcess | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM stops accepting, finishes the request in flight, closes the store and exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'info',
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
    const { token } = await bootstrap(seeding);
    await seeding.close();

    child = spawn('node', ['bin/vouch.js', 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout!.on('data', (d) => {
      log += d;
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    for (let i = 0; ; i++) {
      if (
        await fetch(`${url}/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 120) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }

    // A slow client: headers and half of the body now, the rest after SIGTERM.
    const body = JSON.stringify({
      name: 'Created during shutdown',
      segment: 'student',
      testMode: true,
      offerType: 'staticCode',
      staticCode: 'BYE',
    });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        `${url}/manage/v1/programs`,
        {
          method: 'POST',
          agent: false,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res
            .on('data', (d) => {
              text += d;
            })
            .on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        child!.kill('SIGTERM');
        // Once the listener is closed new connections are refused; then the slow client finishes its body.
        const waitClosed = async () => {
          for (;;) {
            if (
              !(await fetch(`${url}/health`).then(
                () => true,
                () => false,
              ))
            )
              break;
            await new Promise((r) => setTimeout(r, 50));
          }
          req.end(body.slice(20));
        };
        waitClosed().catch(reject);
      }, 500);
    });
    const done = await answer;
    expect(done.status).toBe(201);
    const programId = JSON.parse(done.text).id;
    expect(await exited).toBe(0);
    child = undefined;
    expect(log).toContain('shutting down');

    // The store was closed cleanly: it opens again (the data-directory lock is released) and holds the program.
    const check = await createContainer(loadConfig(env));
    try {
      const row = await check.store.db.selectFrom('programs').select('name').where('id', '=', programId).executeTakeFirst();
      expect(row?.name).toBe('Created during shutdown');
      // Its audit entry, written after the answer, was flushed before the store closed.
      const entry = await check.store.db
        .selectFrom('audit_log')
        .select(['action', 'outcome'])
        .where('subject_id', '=', programId)
        .execute();
      expect(entry).toEqual([{ action: 'program.create', outcome: 201 }]);
    } finally {
      await check.close();
    }
  }, 120_000);
});
