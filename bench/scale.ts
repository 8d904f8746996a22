/**
 * Cost as data grows: the same measurements on two PostgreSQL databases side by side, one holding only
 * what the measurements need and one holding also 1 million verifications (with their steps, webhook
 * events and audit rows), each printed as a ratio full / empty. See docs/benchmarks-scale.md.
 *
 *   npx tsx bench/scale.ts
 *
 * Env: BENCH_VERIFICATIONS (rows seeded into the full database, default 1000000), BENCH_REVERIFY (seeded
 * students re-verified, default 10000), BENCH_SECONDS (per measurement and side, default 8),
 * BENCH_WARMUP_SECONDS (default 2), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS (default 10),
 * BENCH_DATABASE_URL (PostgreSQL admin URL), BENCH_KEEP=1 (keep both databases and print their URLs).
 *
 * Both databases are made the same way: a child process (this file again, VOUCH_BENCH_ROLE=seed) opens a
 * container on it (migrations), seeds the students of the re-verification batch, and the parent runs one
 * real flow over HTTP against a server on it. The full one then gets the bulk rows: every row that flow left
 * in any table (found by its verification id) is cloned with generate_series, with new ids and dates spread
 * back over the past, in one INSERT ... SELECT per table and chunk. Both get ANALYZE (as autovacuum would).
 * One `vouch serve` process runs on each, and every measurement alternates empty, full, full, empty.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { VALID_BODIES } from '../test/support/bodies.ts';
import { freePort } from '../test/support/net.ts';
import { createBenchDatabase } from '../test/support/stores.ts';
import { call, pollComplete, sleep, stopProcess } from './support/api.ts';
import { alternate, runFlow, runStatus } from './support/load.ts';

const ROWS = Number(process.env.BENCH_VERIFICATIONS ?? 1_000_000);
const REVERIFY = Number(process.env.BENCH_REVERIFY ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = 0.2; // every full figure within 20% of the empty one
const CHUNK = 100_000;
const STEP = 'collectStudentPersonalInfo';
const STUDENT = VALID_BODIES[STEP];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POLL_MS = 200;
const PHASE_TIMEOUT_MS = 900_000;
const SIDES = ['empty', 'full'] as const;

interface Seeded {
  token: string;
  accountId: string;
  /** The seeded students' program (re-verified) and the demo student program (the flow). */
  reverifyProgramId: string;
  flowProgramId: string;
  ids: string[];
}
type Side = (typeof SIDES)[number];

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (n: number, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-';

// ---------------------------------------------------------------- seed process (one per database)

async function seedMain() {
  const { loadConfig } = await import('../src/main/config.ts');
  const { createContainer } = await import('../src/main/container.ts');
  const { seedStudents } = await import('../test/support/seed.ts');
  const c = await createContainer(loadConfig());
  try {
    const s = await seedStudents(c, REVERIFY);
    const flow = await c.store.db
      .selectFrom('programs')
      .select('id')
      .where('account_id', '=', s.accountId)
      .where('segment', '=', 'student')
      .where('test_mode', '=', true)
      .executeTakeFirstOrThrow();
    const out: Seeded = { token: s.token, accountId: s.accountId, reverifyProgramId: s.programId, flowProgramId: flow.id, ids: s.ids };
    fs.writeFileSync(process.env.VOUCH_BENCH_SEED_FILE!, JSON.stringify(out));
  } finally {
    await c.close();
  }
}

// ---------------------------------------------------------------- servers

const live = new Set<ChildProcess>();

async function startServer(env: Record<string, string>, log: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = fs.openSync(log, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/vouch.js'), 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      // One client sends every request from one IP: per-IP limits would measure the limiter.
      RATE_LIMIT_CREATE: '0',
      RATE_LIMIT_STEP: '0',
      RATE_LIMIT_LINK: '0',
      RATE_LIMIT_UPLOAD: '0',
      RATE_LIMIT_AUTH: '0',
      // The webhook sink is on loopback.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    },
  });
  fs.closeSync(out);
  live.add(child);
  child.once('exit', () => live.delete(child));
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    if (
      await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (seconds(t0) > 120) throw new Error(`server not ready within 120 s:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    await sleep(100);
  }
  return { child, url };
}

// ---------------------------------------------------------------- the bulk seed

/** The id of a cloned row: 24 hex characters, like the ids Vouch makes, unique per (source, copy). */
const cloneId = (col: string) => `substr(md5(${col} || '-' || g::text), 1, 24)`;

/**
 * Clones, ROWS times, every row of every table of the public schema that holds the template
 * verification's id in a text column (and every row of verifications with that id), in the order the
 * foreign keys need. Columns holding that id get the copy's id; other text primary keys a derived one;
 * identity and serial columns their next value; timestamps move back 30 s per copy.
 */
async function bulkSeed(url: string, templateId: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const columns = (
      await db.query<{ table_name: string; column_name: string; data_type: string; is_identity: string; column_default: string | null }>(
        `select table_name, column_name, data_type, is_identity, column_default from information_schema.columns
          where table_schema = 'public' order by table_name, ordinal_position`,
      )
    ).rows;
    const pks = new Set(
      (
        await db.query<{ t: string; c: string }>(
          `select min(tc.table_name) t, min(kcu.column_name) c from information_schema.table_constraints tc
             join information_schema.key_column_usage kcu using (constraint_schema, constraint_name)
            where tc.table_schema = 'public' and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE')
            group by tc.constraint_name having count(*) = 1`,
        )
      ).rows.map((r) => `${r.t}.${r.c}`),
    );
    const byTable = new Map<string, typeof columns>();
    for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
    // Which tables hold the template's rows, and in which columns.
    const plan: { table: string; refs: string[]; follows: string[]; where: string; rows: number; depth: number }[] = [];
    for (const [table, cols] of byTable) {
      const refs: string[] = [];
      for (const c of cols.filter((x) => x.data_type === 'text')) {
        const n = Number((await db.query(`select count(*)::int n from "${table}" where "${c.column_name}" = $1`, [templateId])).rows[0].n);
        if (n > 0) refs.push(c.column_name);
      }
      if (refs.length) plan.push({ table, refs, follows: [], where: refs.map((r) => `t."${r}" = $1`).join(' or '), rows: 0, depth: 0 });
    }
    // Rows that point at a cloned row by its own id (a webhook delivery at its event): cloned with the same new id.
    const fks = (
      await db.query<{ t: string; c: string; rt: string; rc: string }>(
        `select kcu.table_name t, kcu.column_name c, ccu.table_name rt, ccu.column_name rc
           from information_schema.referential_constraints rc
           join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
           join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
          where kcu.table_schema = 'public'`,
      )
    ).rows;
    for (let grown = true; grown; ) {
      grown = false;
      for (const fk of fks) {
        const parent = plan.find((p) => p.table === fk.rt);
        if (!parent || parent.refs.includes(fk.rc) || !pks.has(`${fk.rt}.${fk.rc}`) || plan.some((p) => p.table === fk.t)) continue;
        const where = `t."${fk.c}" in (select t."${fk.rc}" from "${fk.rt}" t where ${parent.where})`;
        if (Number((await db.query(`select count(*)::int n from "${fk.t}" t where ${where}`, [templateId])).rows[0].n) > 0) {
          plan.push({ table: fk.t, refs: [], follows: [fk.c], where, rows: 0, depth: parent.depth + 1 });
          grown = true;
        }
      }
    }
    for (const p of plan)
      p.rows = Number((await db.query(`select count(*)::int n from "${p.table}" t where ${p.where}`, [templateId])).rows[0].n);
    const order = (p: (typeof plan)[number]) => (p.table === 'verifications' ? 0 : 1 + p.depth);
    plan.sort((a, b) => order(a) - order(b) || a.table.localeCompare(b.table));
    const newId = `'f' || lpad(to_hex(g), 23, '0')`;
    for (const { table, refs, follows, where } of plan) {
      const cols = byTable.get(table)!.filter((c) => c.is_identity !== 'YES' && !(c.column_default ?? '').startsWith('nextval('));
      const expr = (c: (typeof cols)[number]) => {
        const q = `t."${c.column_name}"`;
        if (refs.includes(c.column_name)) return `case when ${q} = $1 then ${newId} else ${q} end`;
        if (follows.includes(c.column_name)) return cloneId(q);
        if (c.data_type === 'text' && pks.has(`${table}.${c.column_name}`)) return cloneId(q);
        if (c.data_type.startsWith('timestamp')) return `${q} - make_interval(secs => g * 30)`;
        return q;
      };
      const sql =
        `insert into "${table}" (${cols.map((c) => `"${c.column_name}"`).join(', ')}) ` +
        `select ${cols.map(expr).join(', ')} from "${table}" t cross join generate_series($2::int, $3::int) g where ${where}`;
      const t0 = performance.now();
      for (let from = 1; from <= ROWS; from += CHUNK) await db.query(sql, [templateId, from, Math.min(ROWS, from + CHUNK - 1)]);
      console.log(`    ${table}: ${fmt(seconds(t0), 1)} s`);
    }
    return plan;
  } finally {
    await db.end();
  }
}

/** Table and index bytes of every table of the public schema (heap with TOAST; indexes). */
async function sizes(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const r = await db.query<{ t: string; table: string; index: string; rows: string }>(
      `select c.relname t, pg_table_size(c.oid)::text "table", pg_indexes_size(c.oid)::text "index", c.reltuples::bigint::text rows
         from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
    );
    return new Map(r.rows.map((x) => [x.t, { table: Number(x.table), index: Number(x.index), rows: Number(x.rows) }]));
  } finally {
    await db.end();
  }
}

async function analyze(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('vacuum analyze').finally(() => db.end());
}

async function seedBase(url: string, dir: string, env: Record<string, string>): Promise<Seeded> {
  const file = path.join(dir, `seed-${randomBytes(4).toString('hex')}.json`);
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: process.execArgv,
    env: { ...process.env, ...env, DATABASE_URL: url, LOG_LEVEL: 'warn', VOUCH_BENCH_ROLE: 'seed', VOUCH_BENCH_SEED_FILE: file },
  });
  live.add(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  live.delete(child);
  if (code !== 0) throw new Error(`seeding exited with code ${code}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Seeded;
}

/** A webhook receiver answering 204 to everything, as a subscriber would. */
async function startSink() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => server.close() };
}

/** Waits until every webhook delivery of the verification's events is delivered. */
async function deliveredAll(url: string, verificationId: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const end = Date.now() + 30_000;
    for (;;) {
      const r = await db.query<{ all: number; left: number }>(
        `select count(*)::int "all", count(*) filter (where d.status <> 'delivered')::int "left"
           from webhook_deliveries d join webhook_events e on e.id = d.event_id where e.subject_id = $1`,
        [verificationId],
      );
      if (r.rows[0].all > 0 && r.rows[0].left === 0) return;
      if (Date.now() > end) throw new Error(`webhook deliveries of ${verificationId} not delivered: ${JSON.stringify(r.rows[0])}`);
      await sleep(POLL_MS);
    }
  } finally {
    await db.end();
  }
}

/** One real flow over HTTP: the verification whose rows the bulk seed clones. */
async function oneFlow(url: string, programId: string) {
  const created = await call(`${url}/rest/v2/verification`, null, { programId });
  const done = await call(String(created.submissionUrl), null, STUDENT);
  if (done.currentStep !== 'success') throw new Error(`the template flow ended on ${String(done.currentStep)}`);
  await call(`${url}/rest/v2/verification/${String(created.verificationId)}`, null);
  return String(created.verificationId);
}

// ---------------------------------------------------------------- load

async function reverify(url: string, s: Seeded) {
  const t0 = performance.now();
  const created = await call(`${url}/rest/v2/verification/reverify`, s.token, { programId: s.reverifyProgramId, verificationIds: s.ids });
  const status = await pollComplete(String(created.statusUrl), s.token, 'the batch', PHASE_TIMEOUT_MS, POLL_MS);
  if (status.recordsProcessed !== s.ids.length) throw new Error(`batch status: ${JSON.stringify(status)}`);
  const batch = seconds(t0);
  const t1 = performance.now();
  const report = await call(String(created.reportUrl), s.token, null);
  const ready = await pollComplete(String(report.statusUrl), s.token, 'the report', PHASE_TIMEOUT_MS, POLL_MS);
  const reportSeconds = seconds(t1);
  const t2 = performance.now();
  const res = await fetch(String(ready.retrievalUrl), { headers: { authorization: `Bearer ${s.token}` } });
  const csv = await res.text();
  if (res.status !== 200 || csv.trimEnd().split('\n').length !== s.ids.length + 1) throw new Error(`download: ${res.status}`);
  return { batch, report: reportSeconds, download: seconds(t2) };
}

// ---------------------------------------------------------------- main

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('BENCH_VERIFICATIONS must be a positive integer');
  if (!Number.isInteger(REVERIFY) || REVERIFY < 1 || REVERIFY > 100_000) throw new Error('BENCH_REVERIFY must be 1 to 100000');
  console.log(
    `Vouch scale benchmark: ${fmt(ROWS)} verifications seeded, ${CONNECTIONS} connections, ${SECONDS} s per measurement and side, ` +
      `node ${process.version}, ${os.cpus().length} cpus`,
  );
  const dbs: Record<Side, { url: string; drop(): Promise<void> }> = {} as never;
  for (const side of ['empty', 'full'] as Side[]) {
    const db = await createBenchDatabase(ADMIN_URL);
    if (!db) throw new Error('PostgreSQL is needed');
    dbs[side] = db;
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const version = (await admin.query('show server_version')).rows[0].server_version as string;
  const autovacuum = (await admin.query('show autovacuum')).rows[0].autovacuum as string;
  await admin.end();
  console.log(`PostgreSQL ${version}, autovacuum ${autovacuum}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-scale-'));
  const key = randomBytes(32).toString('hex');
  const env = (side: Side) => ({ DATABASE_URL: dbs[side].url, DATA_DIR: path.join(dir, side), SECRET_KEY: key });
  const servers: Partial<Record<Side, ChildProcess>> = {};
  let sink: Awaited<ReturnType<typeof startSink>> | undefined;
  try {
    const seeded = {} as Record<Side, Seeded>;
    const url = {} as Record<Side, string>;
    for (const side of ['empty', 'full'] as Side[]) {
      seeded[side] = await seedBase(dbs[side].url, dir, env(side));
      const s = await startServer(env(side), path.join(dir, `${side}.log`));
      servers[side] = s.child;
      url[side] = s.url;
    }
    // Both installations send every event to one subscriber, so a flow writes its events and their deliveries.
    sink = await startSink();
    for (const side of ['empty', 'full'] as Side[])
      await call(`${url[side]}/manage/v1/webhooks`, seeded[side].token, { url: sink.url, eventTypes: ['*'] });
    const before = await sizes(dbs.full.url);
    const template = await oneFlow(url.full, seeded.full.flowProgramId);
    await oneFlow(url.empty, seeded.empty.flowProgramId);
    await deliveredAll(dbs.full.url, template);
    console.log(`seeding ${fmt(ROWS)} copies of one flow's rows (verification ${template}) ...`);
    const t0 = performance.now();
    const plan = await bulkSeed(dbs.full.url, template);
    const seedSeconds = seconds(t0);
    console.log(`  seeded in ${fmt(seedSeconds, 1)} s; vacuum analyze ...`);
    const t1 = performance.now();
    await analyze(dbs.full.url);
    await analyze(dbs.empty.url);
    const analyzeSeconds = seconds(t1);
    const after = await sizes(dbs.full.url);

    // Flow and status.
    const ids: Record<Side, string[]> = { empty: [], full: [] };
    const flow = (side: Side, s: number) =>
      runFlow(url[side], {
        createPath: '/rest/v2/verification',
        programId: seeded[side].flowProgramId,
        person: STUDENT,
        connections: CONNECTIONS,
        seconds: s,
        ids: ids[side],
      });
    const status = (side: Side, s: number, list: string[]) =>
      runStatus(url[side], { prefix: '/rest/v2/verification/', ids: list, connections: CONNECTIONS, seconds: s });
    if (WARMUP > 0) for (const side of ['empty', 'full'] as Side[]) await flow(side, WARMUP);
    console.log('measuring flow ...');
    const flows = await alternate(SIDES, SECONDS, ROUNDS, flow);
    console.log('measuring status ...');
    const statuses = await alternate(SIDES, SECONDS, ROUNDS, (side, s) => status(side, s, ids[side]));
    // Old rows of the full database, spread over the whole table (cold pages), against recent ones of the empty.
    const old = Array.from({ length: 20_000 }, () => `f${(1 + Math.floor(Math.random() * ROWS)).toString(16).padStart(23, '0')}`);
    console.log('measuring status of old verifications ...');
    const cold = await alternate(SIDES, SECONDS, ROUNDS, (side, s) => status(side, s, side === 'full' ? old : ids.empty));

    console.log(`re-verifying ${fmt(REVERIFY)} (empty, full, full, empty) ...`);
    const rv: Record<Side, { batch: number; report: number; download: number }[]> = { empty: [], full: [] };
    for (const side of ['empty', 'full', 'full', 'empty'] as Side[]) rv[side].push(await reverify(url[side], seeded[side]));

    // ---------------------------------------------------------------- print
    console.log(
      `\nseeded ${fmt(ROWS)} verifications in ${fmt(seedSeconds, 1)} s (vacuum analyze ${fmt(analyzeSeconds, 1)} s); rows per verification:`,
    );
    for (const p of plan) console.log(`  ${p.table}: ${p.rows}`);
    console.log('\nbytes per seeded verification (growth of the full database / rows seeded):');
    const per = plan
      .map((p) => p.table)
      .map((t) => ({
        t,
        table: (after.get(t)!.table - (before.get(t)?.table ?? 0)) / ROWS,
        index: (after.get(t)!.index - (before.get(t)?.index ?? 0)) / ROWS,
      }))
      .filter((x) => x.table + x.index > 1)
      .sort((a, b) => b.table + b.index - (a.table + a.index));
    for (const x of per) console.log(`  ${x.t.padEnd(28)} table ${fmt(x.table).padStart(6)}  indexes ${fmt(x.index).padStart(6)}`);
    const total = per.reduce((a, x) => a + x.table + x.index, 0);
    console.log(`  ${'total'.padEnd(28)} ${fmt(total)} bytes; 10 million verifications: ${fmt((total * 1e7) / 1e9, 1)} GB`);

    let missed = 0;
    const line = (what: string, e: number, f: number, unit: string, higherIsBetter: boolean, d = 0) => {
      const ratio = f / e;
      const ok = higherIsBetter ? ratio >= 1 - TARGET : ratio <= 1 + TARGET;
      if (!ok) missed++;
      console.log(
        `  ${what.padEnd(34)} empty ${fmt(e, d).padStart(8)}  full ${fmt(f, d).padStart(8)} ${unit.padEnd(8)} ratio ${fmt(ratio, 2)}  ${ok ? 'PASS' : 'FAIL'}`,
      );
    };
    console.log(`\nfull / empty (target: within ${TARGET * 100}%)`);
    line('flow (create + submit)', flows.empty.rate, flows.full.rate, 'flows/s', true);
    line('  p99', flows.empty.p99, flows.full.p99, 'ms', false, 1);
    line('status GET', statuses.empty.rate, statuses.full.rate, 'GETs/s', true);
    line('  p99', statuses.empty.p99, statuses.full.p99, 'ms', false, 1);
    line('status GET, old rows in the full', cold.empty.rate, cold.full.rate, 'GETs/s', true);
    line('  p99', cold.empty.p99, cold.full.p99, 'ms', false, 1);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const k of ['batch', 'report', 'download'] as const)
      line(`re-verification ${k} (${fmt(REVERIFY)})`, avg(rv.empty.map((r) => r[k])), avg(rv.full.map((r) => r[k])), 's', false, 2);
    const bad = [flows, statuses, cold].flatMap((x) => [x.empty.bad, x.full.bad]).reduce((a, b) => a + b, 0);
    if (bad > 0) {
      console.error(`\n${bad} request(s) failed during measurement; the figures are not valid.`);
      process.exitCode = 1;
    }
    console.log(missed ? `\n${missed} figure(s) outside ${TARGET * 100}%` : '\nall figures within 20%');
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${dbs.empty.url} ${dbs.full.url}`);
  } finally {
    for (const c of Object.values(servers)) if (c) await stopProcess(c);
    for (const c of live) c.kill('SIGKILL');
    sink?.close();
    if (process.env.BENCH_KEEP !== '1') for (const db of Object.values(dbs)) await db.drop().catch((e) => console.error(e));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.VOUCH_BENCH_ROLE === 'seed') {
  seedMain().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
