/**
 * One bulk re-verification of many seeded verifications and its CSV report, over real HTTP: the time of
 * each phase, the peak RSS of the Vouch server process for a small and a full batch, and the CSV download
 * as a ratio against a bare CSV writer run in the same process. See docs/benchmarks.md.
 *
 *   npx tsx bench/reverify.ts
 *
 * Env: BENCH_RECORDS (verifications seeded and re-verified in the full batch, default 100000; the small
 * batch is a tenth of it), BENCH_STORES (default "pglite,postgres"), BENCH_PROFILES (the servers'
 * MEMORY_PROFILE values to measure, default "throughput,small"), BENCH_DATABASE_URL (PostgreSQL admin
 * URL), BENCH_PHASE_TIMEOUT_SECONDS (default 900: a phase that takes longer is an error), BENCH_CPU_PROF=1
 * (CPU profile of each server process, under the temp dir).
 *
 * Per store: a short child process (this file again, with VOUCH_BENCH_ROLE=seed) seeds the store and
 * exits; then, per memory profile and batch size (the small batch first, all on the same seeded store), a fresh server is
 * started as an operator would (`node bin/vouch.js serve`, on a data directory on disk, or on PostgreSQL)
 * and driven from this process, which samples the server's VmRSS from /proc every 100 ms.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGLITE_VERSION } from '../src/platform/db/index.ts';
import { csvCell, parseCsv } from '../src/shared/csv.ts';
import { call, pollComplete, sleep, stopProcess } from './support/api.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SMALL = Math.max(1, Math.round(RECORDS / 10));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PHASE_TIMEOUT_MS = Number(process.env.BENCH_PHASE_TIMEOUT_SECONDS ?? 900) * 1000;
const TARGETS = { totalSeconds: { pglite: 150, postgres: 60 }, rssMb: 300, flatPercent: 20, flatMb: 50 } as const;
const MB = 1_000_000;
const SAMPLE_MS = 100;
const POLL_MS = 200;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type StoreKind = 'pglite' | 'postgres';
interface Seeded {
  token: string;
  programId: string;
  ids: string[];
  seconds: number;
}

// ---------------------------------------------------------------- seed process

/** Seeds the store named by the environment (as the server will see it), writes what the client needs, exits. */
async function seedMain() {
  const { loadConfig } = await import('../src/main/config.ts');
  const { createContainer } = await import('../src/main/container.ts');
  const { seedStudents } = await import('../test/support/seed.ts');
  const t0 = performance.now();
  const c = await createContainer(loadConfig());
  try {
    const seeded = await seedStudents(c, Number(process.env.VOUCH_BENCH_SEED_COUNT));
    const out: Seeded = { token: seeded.token, programId: seeded.programId, ids: seeded.ids, seconds: (performance.now() - t0) / 1000 };
    fs.writeFileSync(process.env.VOUCH_BENCH_SEED_FILE!, JSON.stringify(out));
  } finally {
    await c.close();
  }
}

// ---------------------------------------------------------------- helpers of the client

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

// ---------------------------------------------------------------- RSS of the server, from /proc

type Phase = 'startup' | 'idle' | 'batch' | 'report' | 'download';
interface Memory {
  rss: number;
  anon: number;
  file: number;
}

const procStatus = (pid: number): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const line of fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
    const m = /^(\w+):\s+(\d+) kB$/.exec(line);
    if (m) out[m[1]] = Number(m[2]) * 1024;
  }
  return out;
};

/** VmRSS every 100 ms; the peak overall and per phase (with its anonymous/file split), and the longest gap between samples. */
function sampleRss(pid: number) {
  let phase: Phase = 'startup';
  const peaks = new Map<Phase, Memory>();
  let samples = 0;
  let last = performance.now();
  let maxGap = 0;
  const take = () => {
    let s: Record<string, number>;
    try {
      s = procStatus(pid);
    } catch {
      return; // the process is gone
    }
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    samples++;
    const m: Memory = { rss: s.VmRSS ?? 0, anon: s.RssAnon ?? 0, file: (s.RssFile ?? 0) + (s.RssShmem ?? 0) };
    if (m.rss > (peaks.get(phase)?.rss ?? -1)) peaks.set(phase, m);
  };
  take();
  const timer = setInterval(take, SAMPLE_MS);
  return {
    enter(p: Phase) {
      take();
      phase = p;
      take();
    },
    /** Stops sampling; also reads the kernel's own high-water mark (VmHWM), which no sampling interval can miss. */
    finish() {
      take();
      clearInterval(timer);
      let hwm = NaN;
      try {
        hwm = procStatus(pid).VmHWM ?? NaN;
      } catch {
        /* the process is gone */
      }
      const peak = [...peaks.values()].reduce((a, b) => (b.rss > a.rss ? b : a), { rss: 0, anon: 0, file: 0 });
      return { peaks, peak, hwm, samples, maxGapMs: maxGap };
    },
  };
}

// ---------------------------------------------------------------- the server process

interface Store {
  kind: StoreKind;
  env: Record<string, string>;
  label: string;
}

async function startServer(store: Store, dir: string, name: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(dir, `${name}.log`);
  const out = fs.openSync(log, 'w');
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(os.tmpdir(), 'vouch-bench-profiles')}`] : [];
  const child = spawn(process.execPath, [...prof, path.join(ROOT, 'bin/vouch.js'), 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...store.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn' },
  });
  fs.closeSync(out);
  live.add(child);
  child.once('exit', () => live.delete(child));
  const rss = sampleRss(child.pid!);
  const t0 = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`server exited with code ${child.exitCode} before it was ready:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (seconds(t0) > 120) throw new Error(`server did not start within 120 s:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
      await sleep(100);
    }
  } catch (e) {
    rss.finish();
    await stopProcess(child);
    throw e;
  }
  return { child, url, rss, log, startSeconds: seconds(t0) };
}

/** SIGTERM (the server checkpoints and closes its store), SIGKILL after 30 s. */

// ---------------------------------------------------------------- one batch and its report

interface Run {
  store: StoreKind;
  records: number;
  startSeconds: number;
  createSeconds: number;
  batchSeconds: number;
  reportSeconds: number;
  downloadSeconds: number;
  firstByteSeconds: number;
  totalSeconds: number;
  csvBytes: number;
  csvLines: number;
  sample: string;
  rss: ReturnType<ReturnType<typeof sampleRss>['finish']>;
}

/** Reads the whole CSV as it arrives, keeping only its size, its line count and its first two lines. */
async function download(url: string, token: string) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  const firstByte = seconds(t0);
  let bytes = 0;
  let lines = 0;
  let head = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    if (head.split('\n').length < 3) head += Buffer.from(value).toString('utf8');
  }
  return { seconds: seconds(t0), firstByte, bytes, lines, sample: head.split('\n').slice(0, 2).join('\n') };
}

async function runBatch(store: Store, dir: string, seeded: Seeded, records: number): Promise<Run> {
  const server = await startServer(store, dir, `server-${records}`);
  try {
    const { url, rss } = server;
    const token = seeded.token;
    await sleep(1000); // let the workers' first polls and the start-up garbage settle
    rss.enter('idle');
    await sleep(1000);

    rss.enter('batch');
    const t0 = performance.now();
    const created = await call(`${url}/rest/v2/verification/reverify`, token, {
      programId: seeded.programId,
      verificationIds: seeded.ids.slice(0, records),
    });
    const createSeconds = seconds(t0);
    const status = await pollComplete(String(created.statusUrl), token, 'the batch', PHASE_TIMEOUT_MS, POLL_MS);
    const batchSeconds = seconds(t0);
    if (status.totalRecords !== records || status.recordsProcessed !== records) throw new Error(`batch status: ${JSON.stringify(status)}`);

    rss.enter('report');
    const t1 = performance.now();
    const report = await call(String(created.reportUrl), token, null);
    const ready = await pollComplete(String(report.statusUrl), token, 'the report', PHASE_TIMEOUT_MS, POLL_MS);
    const reportSeconds = seconds(t1);

    rss.enter('download');
    const csv = await download(String(ready.retrievalUrl), token);
    if (csv.lines !== records + 1) throw new Error(`the CSV has ${csv.lines} lines, expected ${records + 1} (header and one per record)`);
    const totalSeconds = seconds(t0);
    return {
      store: store.kind,
      records,
      startSeconds: server.startSeconds,
      createSeconds,
      batchSeconds,
      reportSeconds,
      downloadSeconds: csv.seconds,
      firstByteSeconds: csv.firstByte,
      totalSeconds,
      csvBytes: csv.bytes,
      csvLines: csv.lines,
      sample: csv.sample,
      rss: rss.finish(),
    };
  } catch (e) {
    server.rss.finish();
    console.error(`server log (${server.log}):\n${fs.readFileSync(server.log, 'utf8').slice(-2000)}`);
    throw e;
  } finally {
    await stopProcess(server.child);
  }
}

// ---------------------------------------------------------------- the bare CSV writer

/**
 * The same number of rows, with the header and the first row of the downloaded report as a template
 * (same columns, same values), written with `csvCell` into a file stream, one line per write and
 * honouring back-pressure. Per row the ids, names and email change, as they do in the report.
 */
async function bareCsv(sample: string, rows: number, file: string) {
  const [header, first] = parseCsv(sample);
  const col = (name: string) => header.indexOf(name);
  const varying = {
    id: col('Request ID'),
    person: col('Person ID'),
    first: col('FIRST_NAME'),
    last: col('LAST_NAME'),
    email: col('EMAIL'),
  };
  const t0 = performance.now();
  const out = fs.createWriteStream(file);
  const write = (line: string) => (out.write(line) ? undefined : new Promise<void>((r) => out.once('drain', r)));
  await write(`${header.map((h) => csvCell(h)).join(',')}\n`);
  const cells = [...first];
  for (let i = 0; i < rows; i++) {
    const hex = i.toString(16).padStart(24, '0');
    cells[varying.id] = hex;
    if (varying.person >= 0) cells[varying.person] = hex.split('').reverse().join('');
    if (varying.first >= 0) cells[varying.first] = `First${i}`;
    if (varying.last >= 0) cells[varying.last] = `Last${i}`;
    if (varying.email >= 0) cells[varying.email] = `person${i}@example.com`;
    const pending = write(`${cells.map((c) => csvCell(c)).join(',')}\n`);
    if (pending) await pending;
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const bytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });
  return { seconds: seconds(t0), bytes, columns: header.length };
}

// ---------------------------------------------------------------- stores

const cleanups: (() => Promise<void> | void)[] = [];
/** Child processes still running: killed first when the run ends early. */
const live = new Set<ChildProcess>();
async function cleanUp() {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch((e) => console.error('clean-up failed:', e));
}

/** A fresh database on the PostgreSQL server, or null (with a note) when the server cannot be reached. */
async function createBenchDatabase(): Promise<{ url: string; version: string; autovacuum: string } | null> {
  const name = `vouch_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    console.log(
      `PostgreSQL skipped: cannot reach ${new URL(ADMIN_URL).host} (${(e as Error).message}). Set BENCH_DATABASE_URL to an admin URL.`,
    );
    return null;
  }
  let version: string;
  let autovacuum: string;
  try {
    version = (await admin.query<{ server_version: string }>('show server_version')).rows[0].server_version;
    autovacuum = (await admin.query<{ autovacuum: string }>('show autovacuum')).rows[0].autovacuum;
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), version, autovacuum };
}

async function seed(store: Store, dir: string): Promise<Seeded> {
  const file = path.join(dir, 'seeded.json');
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: process.execArgv,
    env: {
      ...process.env,
      ...store.env,
      LOG_LEVEL: 'warn',
      VOUCH_BENCH_ROLE: 'seed',
      VOUCH_BENCH_SEED_COUNT: String(RECORDS),
      VOUCH_BENCH_SEED_FILE: file,
    },
  });
  live.add(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  live.delete(child);
  if (code !== 0) throw new Error(`seeding exited with code ${code}`);
  const seeded = JSON.parse(fs.readFileSync(file, 'utf8')) as Seeded;
  if (seeded.ids.length !== RECORDS) throw new Error(`seeded ${seeded.ids.length} verifications, expected ${RECORDS}`);
  return seeded;
}

interface StoreResult {
  kind: StoreKind;
  profile: string;
  label: string;
  seedSeconds: number;
  runs: Run[];
  writer: Awaited<ReturnType<typeof bareCsv>>;
}

async function measureStore(kind: StoreKind, profiles: string[]): Promise<StoreResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-reverify-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string> = { DATA_DIR: path.join(dir, 'data'), SECRET_KEY: randomBytes(32).toString('hex') };
  let label = `PGlite ${PGLITE_VERSION}, DATA_DIR on disk (${os.tmpdir()})`;
  if (kind === 'postgres') {
    const db = await createBenchDatabase();
    if (!db) return [];
    env.DATABASE_URL = db.url;
    label = `PostgreSQL ${db.version}, autovacuum ${db.autovacuum} (${new URL(db.url).host}${new URL(db.url).pathname})`;
  }
  console.log(`\n${label}: seeding ${RECORDS} verifications ...`);
  const seeded = await seed({ kind, env, label }, dir);
  console.log(`  seeded in ${fmt(seeded.seconds)} s`);
  const results: StoreResult[] = [];
  for (const profile of profiles) {
    const store: Store = { kind, env: { ...env, MEMORY_PROFILE: profile }, label };
    const runs: Run[] = [];
    for (const records of SMALL < RECORDS ? [SMALL, RECORDS] : [RECORDS]) {
      console.log(`  MEMORY_PROFILE=${profile}, batch of ${records} ...`);
      const run = await runBatch(store, dir, seeded, records);
      console.log(
        `    batch ${fmt(run.batchSeconds)} s, report ${fmt(run.reportSeconds)} s, download ${fmt(run.downloadSeconds)} s, ` +
          `total ${fmt(run.totalSeconds)} s; peak RSS ${fmt(run.rss.peak.rss / MB, 0)} MB`,
      );
      runs.push(run);
    }
    const full = runs[runs.length - 1];
    const writer = await bareCsv(full.sample, full.records, path.join(dir, 'bare.csv'));
    results.push({ kind, profile, label: `${label}, MEMORY_PROFILE=${profile}`, seedSeconds: seeded.seconds, runs, writer });
  }
  return results;
}

// ---------------------------------------------------------------- output

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const out = (cells: string[]) =>
    console.log(`  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
  out(head);
  rows.forEach(out);
}

/** Prints the figures and the verdicts; returns the targets missed. */
function report(results: StoreResult[]): string[] {
  const missed: string[] = [];
  const verdict = (ok: boolean, what: string) => {
    if (!ok) missed.push(what);
    return ok ? 'PASS' : 'FAIL';
  };
  for (const r of results) {
    const mb = (n: number) => fmt(n / MB, 0);
    console.log(`\n${r.label}: seeded ${RECORDS} in ${fmt(r.seedSeconds)} s`);
    table(
      ['records', 'create s', 'batch s', 'report s', 'download s', 'total s', 'CSV MB', 'server start s'],
      r.runs.map((x) => [
        String(x.records),
        fmt(x.createSeconds, 2),
        fmt(x.batchSeconds),
        fmt(x.reportSeconds),
        fmt(x.downloadSeconds),
        fmt(x.totalSeconds),
        fmt(x.csvBytes / MB),
        fmt(x.startSeconds),
      ]),
    );
    console.log('  peak RSS of the server process, MB (anonymous + file-backed at that sample):');
    const phases: Phase[] = ['startup', 'idle', 'batch', 'report', 'download'];
    table(
      ['records', ...phases, 'peak', 'VmHWM', 'samples', 'max gap ms'],
      r.runs.map((x) => [
        String(x.records),
        ...phases.map((p) => {
          const m = x.rss.peaks.get(p);
          return m ? `${mb(m.rss)} (${mb(m.anon)}+${mb(m.file)})` : '-';
        }),
        mb(x.rss.peak.rss),
        mb(x.rss.hwm),
        String(x.rss.samples),
        fmt(x.rss.maxGapMs, 0),
      ]),
    );
    const full = r.runs[r.runs.length - 1];
    const small = r.runs.length > 1 ? r.runs[0] : undefined;
    const limit = TARGETS.totalSeconds[r.kind];
    const who = `${r.kind} (${r.profile})`;
    console.log(
      `  total (batch + report + download) for ${full.records}: ${fmt(full.totalSeconds)} s, target <= ${limit} s: ${verdict(full.totalSeconds <= limit, `${who} total time`)}`,
    );
    const peak = full.rss.peak.rss;
    const highest = Math.max(...r.runs.map((x) => x.rss.peak.rss));
    console.log(
      `  peak RSS, highest of the ${r.runs.map((x) => x.records).join(' and ')} runs: ${mb(highest)} MB, target <= ${TARGETS.rssMb} MB: ` +
        `${verdict(highest <= TARGETS.rssMb * MB, `${who} peak RSS`)}`,
    );
    if (small) {
      const growth = peak - small.rss.peak.rss;
      const allowed = Math.min((small.rss.peak.rss * TARGETS.flatPercent) / 100, TARGETS.flatMb * MB);
      console.log(
        `  RSS flat between ${small.records} and ${full.records}: peaks ${mb(small.rss.peak.rss)} and ${mb(peak)} MB, difference ` +
          `${mb(growth)} MB (${fmt((100 * growth) / small.rss.peak.rss, 0)}%); criterion: the larger peak at most ${TARGETS.flatPercent}% ` +
          `and at most ${TARGETS.flatMb} MB above the smaller (here ${mb(allowed)} MB): ${verdict(growth <= allowed, `${who} RSS flat`)}`,
      );
    }
    console.log(
      `  CSV download ${fmt(full.downloadSeconds)} s for ${full.records} rows (${fmt(full.csvBytes / MB)} MB) vs a bare csvCell writer to a file ` +
        `${fmt(r.writer.seconds, 2)} s (${fmt(r.writer.bytes / MB)} MB, ${r.writer.columns} columns): ratio ${fmt(full.downloadSeconds / r.writer.seconds)}`,
    );
  }
  return missed;
}

async function main() {
  const stores = (process.env.BENCH_STORES ?? 'pglite,postgres')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = stores.filter((s) => s !== 'pglite' && s !== 'postgres');
  if (unknown.length) throw new Error(`BENCH_STORES: unknown store(s) ${unknown.join(', ')}; use pglite and/or postgres`);
  if (!Number.isInteger(RECORDS) || RECORDS < 1 || RECORDS > 100_000)
    throw new Error('BENCH_RECORDS must be an integer from 1 to 100000 (the batch limit)');
  console.log(
    `Vouch re-verification benchmark: ${RECORDS} verifications (and a batch of ${SMALL}), node ${process.version}, ` +
      `${os.cpus().length} cpus, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const profiles = (process.env.BENCH_PROFILES ?? 'throughput,small')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (profiles.length === 0) throw new Error('BENCH_PROFILES: name at least one memory profile');
  const results: StoreResult[] = [];
  for (const kind of stores as StoreKind[]) results.push(...(await measureStore(kind, profiles)));
  const missed = report(results);
  console.log(missed.length ? `\n${missed.length} target(s) missed: ${missed.join(', ')}` : '\nall targets met');
}

const onSignal = (signal: NodeJS.Signals) => {
  console.error(`\n${signal}: cleaning up`);
  void cleanUp().finally(() => process.exit(130));
};

if (process.env.VOUCH_BENCH_ROLE === 'seed') {
  seedMain().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  main().then(
    async () => {
      await cleanUp();
      process.exit(0);
    },
    async (e) => {
      console.error(e);
      await cleanUp();
      process.exit(1);
    },
  );
}
