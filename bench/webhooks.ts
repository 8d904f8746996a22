/**
 * Webhook fan-out throughput: events already in the outbox, delivered signed to several endpoints on a
 * local sink, as a ratio against a bare fetch loop that POSTs the same number of bodies of the same size
 * to the same sink with the same number of requests in flight, measured in the same run. See docs/benchmarks.md.
 *
 *   npx tsx bench/webhooks.ts
 *
 * Env: BENCH_EVENTS (events per measured round, default 2000), BENCH_ENDPOINTS (endpoints each event goes
 * to, default 4), BENCH_ROUNDS (rounds of baseline, Vouch, Vouch, baseline; default 2), BENCH_STORES
 * (default "pglite,postgres"), BENCH_DATABASE_URL (PostgreSQL admin URL).
 *
 * The sink is a bare `node:http` server in a child process (this file again, with VOUCH_BENCH_ROLE=sink)
 * that answers 204, so that neither side shares its event loop with it. Vouch's side is the dispatcher of
 * a real container (the same code `serve` runs), started once the round's events are in the outbox and
 * timed until every delivery is recorded as delivered in the store.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/main/config.ts';
import { createContainer, type Container } from '../src/main/container.ts';
import { ensureAccount } from '../src/modules/accounts/index.ts';
import { createDispatcher, createEndpoint, type WebhookEvent } from '../src/modules/webhooks/index.ts';
import { createBenchDatabase } from '../test/support/stores.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 4);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = 0.5;
const EMIT_BATCH = 100;

// ---------------------------------------------------------------- sink process

function sinkMain() {
  const server = http.createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => res.writeHead(204).end());
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send!({ url: `http://127.0.0.1:${port}` });
  });
}

// ---------------------------------------------------------------- the two sides

/** An eligibility-shaped event, as the verifications module emits it. */
const event = (accountId: string, i: number): WebhookEvent => ({
  accountId,
  type: 'verification.success',
  subjectId: randomBytes(12).toString('hex'),
  payload: {
    verificationId: randomBytes(12).toString('hex'),
    notifierEventType: 'SUCCESS',
    programId: 'a1b2c3d4e5f6a1b2c3d4e5f6',
    currentStep: 'success',
    segment: 'student',
    subSegment: null,
    errorIds: [],
    trackingId: `order-${i}`,
  },
});

/** The baseline: `total` POSTs of `body` to the sink's endpoint paths, `inFlight` at a time, with nothing else. */
async function bareLoop(urls: string[], body: string, total: number, inFlight: number) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        const i = next++;
        const res = await fetch(urls[i % urls.length], { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        await res.arrayBuffer();
        if (res.status !== 204) throw new Error(`sink answered ${res.status}`);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

/** Vouch: writes `EVENTS` events to the outbox (not timed), then times a dispatcher delivering and recording all of them. */
async function vouchRound(c: Container, accountId: string) {
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += EMIT_BATCH) {
    await c.store.db.transaction().execute((trx) =>
      c.webhooks.outbox.emitMany(
        trx,
        Array.from({ length: Math.min(EMIT_BATCH, EVENTS - i) }, (_, j) => event(accountId, i + j)),
      ),
    );
  }
  const emitSeconds = (performance.now() - t0) / 1000;
  const expected = EVENTS * ENDPOINTS;
  let delivered = 0;
  let failed = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const dispatcher = createDispatcher(c.webhooks.deps, {
    onOutcome: (o) => {
      if (o === 'delivered') {
        if (++delivered === expected) resolveAll();
      } else failed++;
    },
  });
  const t1 = performance.now();
  await dispatcher.start({ log: (m, e) => console.error(m, e) });
  dispatcher.wake();
  await all;
  await dispatcher.stop(); // records the last outcomes
  const seconds = (performance.now() - t1) / 1000;
  if (failed) throw new Error(`${failed} attempts failed`);
  const left = await c.store.db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '!=', 'delivered')
    .executeTakeFirstOrThrow();
  if (Number(left.n) !== 0) throw new Error(`${left.n} deliveries not recorded as delivered`);
  return { seconds, emitSeconds };
}

async function measure(store: string, sinkUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-webhooks-'));
  const db = store === 'postgres' ? await createBenchDatabase(ADMIN_URL) : null;
  if (store === 'postgres' && !db) return null;
  const config = loadConfig({
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    ...(db ? { DATABASE_URL: db.url } : {}),
  });
  const c = await createContainer(config, { inMemory: true });
  try {
    const { account } = await ensureAccount(c.accounts, 'Webhook bench');
    const urls = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const ep = await createEndpoint(c.webhooks.deps, account.id, { url: `${sinkUrl}/endpoint-${i}`, eventTypes: ['verification.*'] });
      urls.push(ep.url);
    }
    // The same bytes per request as a delivery: one body as the outbox writes it.
    await c.store.db.transaction().execute((trx) => c.webhooks.outbox.emit(trx, event(account.id, 0)));
    const sample = await c.store.db.selectFrom('webhook_events').select('body').executeTakeFirstOrThrow();
    await c.store.db.deleteFrom('webhook_deliveries').execute();
    const inFlight = Math.min(config.webhookConcurrency, ENDPOINTS * config.webhookEndpointConcurrency);
    const total = EVENTS * ENDPOINTS;

    // Warm-up of both sides (connections, JIT), not counted.
    await bareLoop(urls, sample.body, Math.min(total, 500), inFlight);
    await vouchRound(c, account.id);

    let base = 0;
    let vouch = 0;
    let emit = 0;
    for (let r = 0; r < ROUNDS; r++) {
      base += await bareLoop(urls, sample.body, total, inFlight);
      for (let k = 0; k < 2; k++) {
        const v = await vouchRound(c, account.id);
        vouch += v.seconds;
        emit += v.emitSeconds;
      }
      base += await bareLoop(urls, sample.body, total, inFlight);
    }
    const n = 2 * ROUNDS * total;
    return {
      baseRate: n / base,
      vouchRate: n / vouch,
      emitRate: (2 * ROUNDS * EVENTS) / emit,
      inFlight,
      bodyBytes: Buffer.byteLength(sample.body),
    };
  } finally {
    await c.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const sink: ChildProcess = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, VOUCH_BENCH_ROLE: 'sink' } });
  const sinkUrl = await new Promise<string>((resolve) => sink.once('message', (m: { url: string }) => resolve(m.url)));
  try {
    console.log(
      `Webhook fan-out: ${EVENTS} events x ${ENDPOINTS} endpoints per round, ${ROUNDS} round(s) of baseline/Vouch/Vouch/baseline`,
    );
    for (const store of STORES) {
      const r = await measure(store, sinkUrl);
      if (!r) continue;
      const ratio = r.vouchRate / r.baseRate;
      console.log(
        `${store.padEnd(8)} bare fetch loop ${r.baseRate.toFixed(0).padStart(6)} req/s | Vouch ${r.vouchRate.toFixed(0).padStart(6)} deliveries/s` +
          ` | ratio ${ratio.toFixed(2)} (target >= ${TARGET}) ${ratio >= TARGET ? 'PASS' : 'FAIL'}` +
          ` | ${r.inFlight} in flight, ${r.bodyBytes} B bodies | outbox writes ${r.emitRate.toFixed(0)} events/s (x${ENDPOINTS} deliveries)`,
      );
    }
  } finally {
    sink.kill();
  }
}

if (process.env.VOUCH_BENCH_ROLE === 'sink') sinkMain();
else
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
