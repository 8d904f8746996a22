/**
 * Throughput of the eligibility end-user flow, each figure as a ratio against a bare baseline measured in
 * the same run on the same store. See docs/benchmarks.md.
 *
 *   npx tsx bench/flow.ts            (or npm run bench)
 *
 * Env: BENCH_SECONDS (per measurement and side, default 8), BENCH_WARMUP_SECONDS (default 2), BENCH_ROUNDS
 * (default 2), BENCH_CONNECTIONS (default 10), BENCH_DATABASE_URL (PostgreSQL admin URL), BENCH_STORES
 * (default "pglite,postgres"), BENCH_CPU_PROF=1 (CPU profile of each server process, under the temp dir),
 * BENCH_PGLITE_ON_DISK=1 (PGlite on a data directory instead of in memory; PGLITE_FSYNC then applies).
 *
 * The parent process generates load with autocannon; each store is served by a child process (this file
 * again, with VOUCH_BENCH_ROLE=server) holding both Vouch and the baseline Fastify over one store.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { Database } from '../src/platform/db/index.ts';
import { VALID_BODIES } from '../test/support/bodies.ts';
import { freePort } from '../test/support/net.ts';
import { createBenchDatabase } from '../test/support/stores.ts';
import { alternate, type Figure, figure, runFlow, runStatus } from './support/load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = { flow: 0.5, status: 0.7, pacedP99Ms: 10 } as const;
const STEP = 'collectStudentPersonalInfo';
const STUDENT = VALID_BODIES[STEP] as Record<string, unknown> & { organization: { id: number; name: string } };

interface Ready {
  type: 'ready';
  store: string;
  vouchUrl: string;
  baseUrl: string;
  floorUrl: string;
  programId: string;
}

// ---------------------------------------------------------------- server process: Vouch + baseline

const P_COLUMNS = ['id', 'account_id', 'name', 'segment', 'test_mode', 'config', 'created_at'] as const;
const V_COLUMNS = [
  'id',
  'account_id',
  'program_id',
  'segment',
  'sub_segment',
  'current_step',
  'locale',
  'country',
  'test_mode',
  'tracking_id',
  'error_ids',
  'system_error_message',
  'reward_code',
  'organization_id',
  'organization_name',
  'person_id',
  'version',
  'created_at',
  'updated_at',
] as const;

/**
 * The same statements as Vouch per request, on the same tables and the same Kysely instance, with the same
 * transaction boundaries, but no validation, encryption or presentation. Row contents are sized like
 * Vouch's (encrypted fields are a ciphertext made once at start-up; step responses are Vouch's own shape).
 */
async function startBaseline(
  db: Database,
  samples: { create: Record<string, unknown>; success: Record<string, unknown>; personEnc: string; ipEnc: string },
) {
  const app = Fastify({ logger: false });
  let baseUrl = '';
  const notFound = (reply: { code(n: number): { send(b: unknown): void } }) => reply.code(404).send({ error: 'not found' });

  // create: select program; begin; insert verification; insert step; commit
  app.post('/base/verification', async (req, reply) => {
    const { programId } = req.body as { programId: string };
    const p = await db.selectFrom('programs').select(P_COLUMNS).where('id', '=', programId).executeTakeFirst();
    if (!p) return notFound(reply);
    const id = randomBytes(12).toString('hex');
    const now = new Date();
    const response = {
      ...samples.create,
      verificationId: id,
      created: now.getTime(),
      updated: now.getTime(),
      submissionUrl: `${baseUrl}/base/verification/${id}/step/${STEP}`,
    };
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('verifications')
        .values({
          id,
          account_id: p.account_id,
          program_id: p.id,
          segment: p.segment,
          sub_segment: null,
          current_step: STEP,
          locale: 'en-US',
          country: 'US',
          test_mode: p.test_mode,
          tracking_id: null,
          error_ids: '[]',
          system_error_message: null,
          reward_code: null,
          metadata_enc: null,
          person_enc: null,
          client_ip_enc: samples.ipEnc,
          user_agent: req.headers['user-agent'] ?? null,
          created_by_token: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('verification_steps')
        .values({ verification_id: id, account_id: p.account_id, step: STEP, response: JSON.stringify(response) })
        .execute();
    });
    return response;
  });

  // submit: select verification; select program; begin; select verification for update; update; insert step; commit
  app.post<{ Params: { id: string; step: string } }>('/base/verification/:id/step/:step', async (req, reply) => {
    const v = await db.selectFrom('verifications').select(V_COLUMNS).where('id', '=', req.params.id).executeTakeFirst();
    if (!v) return notFound(reply);
    const p = await db.selectFrom('programs').select(P_COLUMNS).where('id', '=', v.program_id).executeTakeFirst();
    if (!p) return notFound(reply);
    const now = new Date();
    const response = { ...samples.success, verificationId: v.id, created: v.created_at.getTime(), updated: now.getTime() };
    await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('verifications').select(V_COLUMNS).where('id', '=', v.id).forUpdate().executeTakeFirst();
      if (!current) throw new Error('gone');
      await trx
        .updateTable('verifications')
        .set({
          current_step: 'success',
          sub_segment: null,
          error_ids: '[]',
          system_error_message: null,
          reward_code: String(samples.success.rewardCode),
          organization_id: STUDENT.organization.id,
          organization_name: STUDENT.organization.name,
          person_id: v.id,
          version: current.version + 1,
          updated_at: now,
          person_enc: samples.personEnc,
        })
        .where('id', '=', v.id)
        .execute();
      await trx
        .insertInto('verification_steps')
        .values({ verification_id: v.id, account_id: v.account_id, step: 'success', response: JSON.stringify(response) })
        .execute();
    });
    return response;
  });

  // status: select verification; select program
  app.get<{ Params: { id: string } }>('/base/verification/:id', async (req, reply) => {
    const v = await db.selectFrom('verifications').select(V_COLUMNS).where('id', '=', req.params.id).executeTakeFirst();
    if (!v) return notFound(reply);
    const p = await db.selectFrom('programs').select(P_COLUMNS).where('id', '=', v.program_id).executeTakeFirst();
    if (!p) return notFound(reply);
    return {
      ...samples.success,
      verificationId: v.id,
      currentStep: v.current_step,
      created: v.created_at.getTime(),
      updated: v.updated_at.getTime(),
    };
  });

  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: baseUrl };
}

/**
 * The floor: the least a server must do for the same answers on the same store. One INSERT on create, one
 * UPDATE on submit, one SELECT on status, each its own statement (no transaction around one statement), the
 * same answer bodies as Vouch's; no validation, encryption, program lookup or history rows.
 */
async function startFloor(db: Database, samples: { create: Record<string, unknown>; success: Record<string, unknown>; accountId: string }) {
  const app = Fastify({ logger: false });
  let floorUrl = '';
  app.post('/floor/verification', async (req) => {
    const { programId } = req.body as { programId: string };
    const id = randomBytes(12).toString('hex');
    const now = new Date();
    await db
      .insertInto('verifications')
      .values({
        id,
        account_id: samples.accountId,
        program_id: programId,
        segment: 'student',
        current_step: STEP,
        locale: 'en-US',
        country: 'US',
        test_mode: false,
        error_ids: '[]',
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return {
      ...samples.create,
      verificationId: id,
      created: now.getTime(),
      updated: now.getTime(),
      submissionUrl: `${floorUrl}/floor/verification/${id}/step/${STEP}`,
    };
  });
  app.post<{ Params: { id: string; step: string } }>('/floor/verification/:id/step/:step', async (req, reply) => {
    const now = new Date();
    const row = await db
      .updateTable('verifications')
      .set({ current_step: 'success', reward_code: String(samples.success.rewardCode), updated_at: now })
      .where('id', '=', req.params.id)
      .returning('created_at')
      .executeTakeFirst();
    if (!row) return reply.code(404).send({ error: 'not found' });
    return { ...samples.success, verificationId: req.params.id, created: row.created_at.getTime(), updated: now.getTime() };
  });
  app.get<{ Params: { id: string } }>('/floor/verification/:id', async (req, reply) => {
    const v = await db
      .selectFrom('verifications')
      .select(['id', 'current_step', 'created_at', 'updated_at'])
      .where('id', '=', req.params.id)
      .executeTakeFirst();
    if (!v) return reply.code(404).send({ error: 'not found' });
    return {
      ...samples.success,
      verificationId: v.id,
      currentStep: v.current_step,
      created: v.created_at.getTime(),
      updated: v.updated_at.getTime(),
    };
  });
  floorUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: floorUrl };
}

async function serverMain() {
  const { loadConfig } = await import('../src/main/config.ts');
  const { serve } = await import('../src/main/serve.ts');
  const { bootstrapAccount } = await import('../src/main/bootstrap.ts');
  const { ensureAccount } = await import('../src/modules/accounts/index.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-'));
  const databaseUrl = process.env.VOUCH_BENCH_STORE_URL;
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(process.env.PGLITE_FSYNC ? { PGLITE_FSYNC: process.env.PGLITE_FSYNC } : {}),
    // One client sends every request from one IP: per-IP rate limits would measure the limiter, not the work.
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_STEP: '0',
    RATE_LIMIT_LINK: '0',
    RATE_LIMIT_UPLOAD: '0',
    RATE_LIMIT_AUTH: '0',
  });
  const running = await serve(config, { inMemory: process.env.BENCH_PGLITE_ON_DISK !== '1' });
  const vouchUrl = config.publicUrl;
  const { account } = await ensureAccount(running.container.accounts, 'Bench');
  const { programs } = await bootstrapAccount(running.container, account.id);
  const programId = programs.student;

  // One Vouch flow to take the shape of its answers for the baseline's rows and replies.
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const create = await post(`${vouchUrl}/rest/v2/verification`, { programId });
  const success = await post(String(create.submissionUrl), STUDENT);
  if (success.currentStep !== 'success') throw new Error(`sample flow ended on ${String(success.currentStep)}`);
  const box = running.container.box;
  const base = await startBaseline(running.container.store.db, {
    create,
    success,
    personEnc: box.encryptJson(STUDENT),
    ipEnc: box.encrypt('127.0.0.1'),
  });

  const floor = await startFloor(running.container.store.db, { create, success, accountId: account.id });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await floor.app.close();
    await base.app.close();
    await running.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  const ready: Ready = { type: 'ready', store: running.container.store.kind, vouchUrl, baseUrl: base.url, floorUrl: floor.url, programId };
  process.send!(ready);
}

// ---------------------------------------------------------------- load generator

type Side = 'vouch' | 'floor' | 'same';

interface Row {
  store: string;
  measure: 'flow' | 'status';
  vouch: Figure;
  floor: Figure;
  same: Figure;
  /** Vouch against the floor: the figure the targets apply to. */
  ratio: number;
  /** Vouch against the same statements without Vouch's other work. */
  sameRatio: number;
  pass: boolean;
}

/** Latency of Vouch's status GET at a fixed rate (half its measured peak), as a service would see it. */
interface Paced {
  store: string;
  rate: number;
  p50: number;
  p99: number;
  bad: number;
}

async function measureStore(ready: Ready): Promise<{ rows: Row[]; paced: Paced }> {
  const ids: Record<Side, string[]> = { vouch: [], floor: [], same: [] };
  const target: Record<Side, { url: string; create: string; get: string }> = {
    vouch: { url: ready.vouchUrl, create: '/rest/v2/verification', get: '/rest/v2/verification/' },
    same: { url: ready.baseUrl, create: '/base/verification', get: '/base/verification/' },
    floor: { url: ready.floorUrl, create: '/floor/verification', get: '/floor/verification/' },
  };
  const flow = (side: Side, seconds: number) =>
    runFlow(target[side].url, {
      createPath: target[side].create,
      programId: ready.programId,
      person: STUDENT,
      connections: CONNECTIONS,
      seconds,
      ids: ids[side],
    });
  const status = (side: Side, seconds: number, overallRate?: number) =>
    runStatus(target[side].url, { prefix: target[side].get, ids: ids[side], connections: CONNECTIONS, seconds, overallRate });
  const sides: Side[] = ['floor', 'same', 'vouch'];
  if (WARMUP > 0) {
    for (const side of sides) await flow(side, WARMUP);
    for (const side of sides) await status(side, Math.max(1, WARMUP / 2));
  }
  const row = (measure: Row['measure'], r: Record<Side, Figure>): Row => {
    const ratio = r.vouch.rate / r.floor.rate;
    return { store: ready.store, measure, ...r, ratio, sameRatio: r.vouch.rate / r.same.rate, pass: ratio >= TARGETS[measure] };
  };
  const rows = [row('flow', await alternate(sides, SECONDS, ROUNDS, flow)), row('status', await alternate(sides, SECONDS, ROUNDS, status))];
  const half = Math.max(1, Math.round(rows[1].vouch.rate / 2));
  const p = figure([await status('vouch', Math.max(2, SECONDS / 2), half)]);
  return { rows, paced: { store: ready.store, rate: p.reqRate, p50: p.p50, p99: p.p99, bad: p.bad } };
}

function startServer(storeUrl: string | undefined): Promise<{ child: ChildProcess; ready: Ready }> {
  const profDir = path.join(os.tmpdir(), 'vouch-bench-profiles');
  if (process.env.BENCH_CPU_PROF) console.log(`CPU profile of the server process will be written under ${profDir}`);
  const execArgv = process.env.BENCH_CPU_PROF ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profDir}`] : process.execArgv;
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv,
    env: { ...process.env, VOUCH_BENCH_ROLE: 'server', ...(storeUrl ? { VOUCH_BENCH_STORE_URL: storeUrl } : {}) },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve({ child, ready: m as Ready });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready`));
    });
  });
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function runOn(storeUrl: string | undefined): Promise<{ rows: Row[]; paced: Paced }> {
  const { child, ready } = await startServer(storeUrl);
  try {
    return await measureStore(ready);
  } finally {
    await stopServer(child);
  }
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');

function print(rows: Row[], paced: Paced[]) {
  const head = [
    'store',
    'measure',
    'vouch /s',
    'p50 ms',
    'p99 ms',
    'floor /s',
    'p50 ms',
    'p99 ms',
    'ratio',
    'target',
    '',
    'same-SQL /s',
    'ratio',
  ];
  const lines = rows.map((r) => [
    r.store,
    r.measure === 'flow' ? 'flow (flows)' : 'status (GETs)',
    fmt(r.vouch.rate),
    fmt(r.vouch.p50, 1),
    fmt(r.vouch.p99, 1),
    fmt(r.floor.rate),
    fmt(r.floor.p50, 1),
    fmt(r.floor.p99, 1),
    fmt(r.ratio, 2),
    `>= ${TARGETS[r.measure]}`,
    r.pass ? 'PASS' : 'FAIL',
    fmt(r.same.rate),
    fmt(r.sameRatio, 2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const out = (cells: string[]) => console.log(cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log('');
  out(head);
  lines.forEach(out);
  console.log("ratio: Vouch / floor (one statement per request); same-SQL: a bare server running Vouch's own statements");
  for (const r of rows.filter((x) => x.measure === 'flow')) {
    console.log(
      `${r.store}: flow HTTP requests/s: vouch ${fmt(r.vouch.reqRate)}, floor ${fmt(r.floor.reqRate)}, same-SQL ${fmt(r.same.reqRate)} (two per flow; latency above is per flow)`,
    );
  }
  for (const p of paced) {
    const ok = p.p99 < TARGETS.pacedP99Ms;
    console.log(
      `${p.store}: status at half of Vouch's peak (${fmt(p.rate)} GETs/s): p50 ${fmt(p.p50, 1)} ms, p99 ${fmt(p.p99, 1)} ms — target p99 < ${TARGETS.pacedP99Ms} ms: ${ok ? 'PASS' : 'FAIL'}`,
    );
  }
}

async function main() {
  const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',').map((s) => s.trim());
  console.log(
    `Vouch flow benchmark: ${CONNECTIONS} connections, ${SECONDS} s per measurement after ${WARMUP} s warm-up, ` +
      `node ${process.version}, ${os.cpus().length} cpus`,
  );
  const rows: Row[] = [];
  const paced: Paced[] = [];
  const take = (r: { rows: Row[]; paced: Paced }) => {
    rows.push(...r.rows);
    paced.push(r.paced);
  };
  if (stores.includes('pglite')) {
    console.log(
      process.env.BENCH_PGLITE_ON_DISK === '1'
        ? `measuring on PGlite (on disk, PGLITE_FSYNC=${process.env.PGLITE_FSYNC || 'default'}) ...`
        : 'measuring on PGlite (in memory) ...',
    );
    take(await runOn(undefined));
  }
  if (stores.includes('postgres')) {
    const db = await createBenchDatabase(ADMIN_URL);
    if (db) {
      console.log(`measuring on PostgreSQL (${new URL(db.url).host}${new URL(db.url).pathname}) ...`);
      try {
        take(await runOn(db.url));
      } finally {
        await db.drop();
      }
    }
  }
  print(rows, paced);
  const bad = [...rows.flatMap((r) => [r.vouch.bad, r.floor.bad, r.same.bad]), ...paced.map((p) => p.bad)].reduce((a, b) => a + b, 0);
  if (bad > 0) {
    console.error(`\n${bad} request(s) failed or answered unexpectedly during measurement; the figures are not valid.`);
    process.exit(1);
  }
  const missed = [
    ...rows.filter((r) => !r.pass).map((r) => `${r.store} ${r.measure}`),
    ...paced.filter((p) => !(p.p99 < TARGETS.pacedP99Ms)).map((p) => `${p.store} paced status p99`),
  ];
  console.log(missed.length ? `\n${missed.length} target(s) missed: ${missed.join(', ')}` : '\nall targets met');
  process.exit(0);
}

const role = process.env.VOUCH_BENCH_ROLE;
(role === 'server' ? serverMain() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
