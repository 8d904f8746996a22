/**
 * Document uploads of 10 MB files, 4 at a time, over real HTTP: throughput as a ratio against a bare
 * streamed disk write measured in the same run, and the peak RSS growth of the Vouch server process.
 * See docs/benchmarks.md.
 *
 *   npx tsx bench/upload.ts
 *
 * Env: BENCH_UPLOADS (measured uploads per side and store, default 96), BENCH_WARMUP_UPLOADS (default 4),
 * BENCH_CONCURRENCY (default 4), BENCH_ROUNDS (default 4), BENCH_DATABASE_URL (PostgreSQL admin URL),
 * BENCH_STORES (default "pglite,postgres"), BENCH_CPU_PROF=1 (CPU profile of each server process, under
 * the temp dir), BENCH_DEADLINE_SECONDS (default 150: the run is abandoned, with exit code 1, after this),
 * MEMORY_PROFILE (the Vouch server's, as in production; default throughput).
 *
 * The parent process is the client. Vouch runs in one child process (this file again, with
 * VOUCH_BENCH_ROLE=vouch) and the baseline in another (VOUCH_BENCH_ROLE=baseline), so that each server's
 * memory is measured on its own. Both children sample their own RSS every 20 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { constants as perfConstants, performance, PerformanceObserver } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { VALID_BODIES } from '../test/support/bodies.ts';
import { makePdf } from '../test/support/fixtures.ts';
import { freePort } from '../test/support/net.ts';
import { createBenchDatabase } from '../test/support/stores.ts';

const FILE_SIZE = 10_000_000;
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 96);
const WARMUP = Number(process.env.BENCH_WARMUP_UPLOADS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const DEADLINE = Number(process.env.BENCH_DEADLINE_SECONDS ?? 150);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = { ratio: 0.6, rssMb: 64 } as const;
const MB = 1_000_000;
const SAMPLE_MS = 20;
const REQUEST_TIMEOUT_MS = 60_000;

type Side = 'vouch' | 'base';
interface Ready {
  type: 'ready';
  url: string;
  store?: string;
  programId?: string;
}
interface RssReport {
  type: 'rss';
  before: number;
  peak: number;
  atPeak: NodeJS.MemoryUsage;
  samples: number;
  maxGapMs: number;
  majorGcs: number;
  gcMs: number;
}

// ---------------------------------------------------------------- both server processes

/**
 * RSS of this process every 20 ms, from a `rss-begin` message of the parent to its `rss-end`; the answer
 * to `rss-end` is the RSS at `rss-begin`, the highest sample since, the longest gap between samples (a
 * blocked event loop would show there), and the garbage collections of the window.
 */
function answerRssQueries() {
  let window: {
    before: number;
    peak: number;
    atPeak: NodeJS.MemoryUsage;
    samples: number;
    last: number;
    maxGap: number;
    majorGcs: number;
    gcMs: number;
  } | null = null;
  new PerformanceObserver((list) => {
    if (!window) return;
    for (const e of list.getEntries()) {
      window.gcMs += e.duration;
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR)
        window.majorGcs++;
    }
  }).observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    if (!window) return;
    const now = performance.now();
    window.maxGap = Math.max(window.maxGap, now - window.last);
    window.last = now;
    window.samples++;
    const rss = process.memoryUsage.rss(); // cheap; the full breakdown only at a new peak
    if (rss > window.peak) Object.assign(window, { peak: rss, atPeak: process.memoryUsage() });
  }, SAMPLE_MS);
  timer.unref();
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'rss-begin') {
      const usage = process.memoryUsage();
      window = { before: usage.rss, peak: usage.rss, atPeak: usage, samples: 0, last: performance.now(), maxGap: 0, majorGcs: 0, gcMs: 0 };
      process.send!({ type: 'rss-begun' });
    } else if (m?.type === 'rss-end' && window) {
      const { before, peak, atPeak, samples, maxGap, majorGcs, gcMs } = window;
      window = null;
      const report: RssReport = { type: 'rss', before, peak, atPeak, samples, maxGapMs: maxGap, majorGcs, gcMs };
      process.send!(report);
    }
  });
}

/** Stops on the parent's `stop` message or when the parent goes away; the parent removes the directories. */
function stopWith(close: () => Promise<void>) {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await close().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
}

async function vouchMain() {
  const { loadConfig } = await import('../src/main/config.ts');
  const { serve } = await import('../src/main/serve.ts');
  const { bootstrapAccount } = await import('../src/main/bootstrap.ts');
  const { ensureAccount } = await import('../src/modules/accounts/index.ts');
  const databaseUrl = process.env.VOUCH_BENCH_STORE_URL;
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: process.env.VOUCH_BENCH_DIR!,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    // The memory profile under test, as an operator sets it (default: throughput).
    ...(process.env.MEMORY_PROFILE ? { MEMORY_PROFILE: process.env.MEMORY_PROFILE } : {}),
    // One client sends every request from one IP: per-IP rate limits would measure the limiter, not the work.
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_LINK: '0',
    RATE_LIMIT_UPLOAD: '0',
    RATE_LIMIT_AUTH: '0',
  });
  // On disk, as deployed: an in-memory PGlite keeps its files in JS memory, which the collector then has to walk.
  const running = await serve(config, {});
  const { account } = await ensureAccount(running.container.accounts, 'Bench');
  const { programs } = await bootstrapAccount(running.container, account.id);
  answerRssQueries();
  stopWith(() => running.stop());
  const ready: Ready = { type: 'ready', url: config.publicUrl, store: running.container.store.kind, programId: programs.student };
  process.send!(ready);
}

/** The baseline: a bare `node:http` server that pipes each PUT body into a new file, and answers its size. */
async function baselineMain() {
  const dir = process.env.VOUCH_BENCH_DIR!;
  let n = 0;
  const server = http.createServer((req, res) => {
    const out = fs.createWriteStream(path.join(dir, `${++n}.bin`), { flags: 'wx', mode: 0o600 });
    pipeline(req, out).then(
      () => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ size: out.bytesWritten }));
      },
      (e: Error) => {
        res.writeHead(500).end(e.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answerRssQueries();
  stopWith(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const ready: Ready = { type: 'ready', url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` };
  process.send!(ready);
}

// ---------------------------------------------------------------- the file

/**
 * A valid PDF of exactly `size` bytes: the one-page PDF of the test fixtures, with one more object, a
 * stream of random bytes (as incompressible as a scan), inserted before its cross-reference table, which
 * is rewritten with the new object and offsets. It starts with `%PDF-` and ends with `%%EOF`.
 */
function paddedPdf(size: number): Buffer {
  const pdf = makePdf('Bench upload').toString('latin1');
  const xrefAt = pdf.lastIndexOf('\nxref\n') + 1; // not the one in `startxref`
  const table = /^xref\n0 (\d+)\n/.exec(pdf.slice(xrefAt));
  const root = /\/Root (\d+ \d+ R)/.exec(pdf.slice(xrefAt));
  if (!table || !root) throw new Error('unexpected PDF fixture layout');
  const count = Number(table[1]);
  const entries = pdf.slice(xrefAt + table[0].length, xrefAt + table[0].length + count * 20);
  const head = (length: number) => `${count} 0 obj\n<< /Length ${length} >>\nstream\n`;
  const foot = '\nendstream\nendobj\n';
  const tail = (xref: number) =>
    `xref\n0 ${count + 1}\n${entries}${String(xrefAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${count + 1} /Root ${root[1]} >>\nstartxref\n${xref}\n%%EOF\n`;
  const total = (length: number) => {
    const xref = xrefAt + head(length).length + length + foot.length;
    return xref + tail(xref).length;
  };
  let length = size - total(0);
  for (let i = 0; i < 5 && total(length) !== size; i++) length += size - total(length);
  if (length <= 0 || total(length) !== size) throw new Error(`cannot pad the PDF to ${size} bytes`);
  const xref = xrefAt + head(length).length + length + foot.length;
  const out = Buffer.concat([
    Buffer.from(pdf.slice(0, xrefAt) + head(length), 'latin1'),
    randomBytes(length),
    Buffer.from(foot + tail(xref), 'latin1'),
  ]);
  if (out.length !== size || !out.subarray(0, 5).equals(Buffer.from('%PDF-')) || !out.subarray(-6).equals(Buffer.from('%%EOF\n'))) {
    throw new Error('padded PDF is malformed');
  }
  return out;
}

// ---------------------------------------------------------------- client

interface Answer {
  status: number;
  text: string;
}

/** One PUT of the whole file with its Content-Type and Content-Length, as a browser's upload would send it. */
function putFile(agent: http.Agent, url: string, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'PUT',
        agent,
        headers: { 'content-type': 'application/pdf', 'content-length': String(body.length) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`PUT ${url}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Checks each side's answer: Vouch's `FINISHED` document, or the baseline's byte count. */
const accepted: Record<Side, (a: Answer) => boolean> = {
  vouch: (a) => {
    const r = (a.status === 200 ? JSON.parse(a.text) : {}) as { status?: string; fileSize?: number };
    return r.status === 'FINISHED' && r.fileSize === FILE_SIZE;
  },
  base: (a) => a.status === 200 && (JSON.parse(a.text) as { size?: number }).size === FILE_SIZE,
};

interface Slice {
  bytes: number;
  seconds: number;
  latencies: number[];
}

/** `urls.length` uploads, `CONCURRENCY` at a time; the clock runs from the first request to the last answer. */
async function uploadAll(side: Side, agent: http.Agent, urls: string[], body: Buffer): Promise<Slice> {
  let next = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const t = performance.now();
      const answer = await putFile(agent, url, body);
      if (!accepted[side](answer)) throw new Error(`${side} upload answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, urls.length) }, worker));
  return { bytes: urls.length * body.length, seconds: (performance.now() - t0) / 1000, latencies };
}

async function postJson(url: string, body: unknown): Promise<Record<string, any>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, any>;
}

/**
 * `count` upload URLs, each of its own verification: created on the test-mode student program, sent to
 * docUpload by the `UPLOAD` first name, then one PDF of FILE_SIZE bytes declared. Made before any upload.
 */
async function prepareVouchUploads(ready: Ready, count: number): Promise<string[]> {
  const person = { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD', organization: { id: 1, name: 'Any' } };
  const urls: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const created = await postJson(`${ready.url}/rest/v2/verification`, { programId: ready.programId });
      const step = await postJson(String(created.submissionUrl), person);
      if (step.currentStep !== 'docUpload') throw new Error(`verification went to ${String(step.currentStep)}, not docUpload`);
      const declared = await postJson(String(step.submissionUrl), [
        { fileName: `bench-${i}.pdf`, mimeType: 'application/pdf', fileSize: FILE_SIZE },
      ]);
      const uploadUrl = declared.documents?.[0]?.uploadUrl;
      if (typeof uploadUrl !== 'string')
        throw new Error(`declaration answered without an upload URL: ${JSON.stringify(declared).slice(0, 300)}`);
      urls[i] = uploadUrl;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return urls;
}

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();

function startChild(role: 'vouch' | 'baseline', dir: string, storeUrl?: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const execArgv = process.env.BENCH_CPU_PROF
    ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${path.join(os.tmpdir(), 'vouch-bench-profiles')}`]
    : process.execArgv;
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv,
    env: { ...process.env, VOUCH_BENCH_ROLE: role, VOUCH_BENCH_DIR: dir, ...(storeUrl ? { VOUCH_BENCH_STORE_URL: storeUrl } : {}) },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} server did not start within 60 s`)), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve({ child, ready: m as Ready });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} server exited with code ${code} before it was ready`));
    });
  });
}

/** Sends `message` and waits for the child's answer of type `type`. */
function ask<T>(child: ChildProcess, message: unknown, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type?: string }) => {
      if (m?.type === type) {
        cleanup();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`server exited with code ${code}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no '${type}' answer within 10 s`));
    }, 10_000);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message as object);
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- measurement

interface Row {
  store: string;
  vouch: Figure;
  base: Figure;
  ratio: number;
  rss: { vouch: RssReport; base: RssReport };
}
/** MB/s over all slices of one side; seconds per upload. */
type Figure = ReturnType<typeof summary>;

function summary(slices: Slice[]) {
  const latencies = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = slices.reduce((a, s) => a + s.seconds, 0);
  return {
    mbps: slices.reduce((a, s) => a + s.bytes, 0) / MB / seconds,
    p50: latencies[latencies.length >> 1] / 1000,
    max: latencies.at(-1)! / 1000,
  };
}

/** Splits `n` into `parts` near-equal whole numbers. */
const split = (n: number, parts: number) =>
  Array.from({ length: parts }, (_, i) => Math.floor((n * (i + 1)) / parts) - Math.floor((n * i) / parts));

/**
 * Warm-up on both sides, then ROUNDS rounds of baseline, Vouch, Vouch, baseline, so that drift during the
 * run (page cache, disk write-back, other load on the machine) weighs on both sides alike. Each server's
 * RSS window spans all of its uploads, warm-up included.
 */
async function measureStore(file: Buffer, root: string, storeUrl?: string): Promise<Row> {
  const vouchDir = fs.mkdtempSync(path.join(root, 'vouch-'));
  const baseDir = fs.mkdtempSync(path.join(root, 'baseline-'));
  const vouch = await startChild('vouch', vouchDir, storeUrl);
  try {
    const base = await startChild('baseline', baseDir);
    const agent = () => new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const agents = { vouch: agent(), base: agent() };
    try {
      const total = WARMUP + UPLOADS;
      const urls: Record<Side, string[]> = {
        vouch: await prepareVouchUploads(vouch.ready, total),
        base: Array.from({ length: total }, (_, i) => `${base.ready.url}/upload/${i}`),
      };
      const taken = { vouch: 0, base: 0 };
      const run = (side: Side, n: number) => {
        const batch = urls[side].slice(taken[side], taken[side] + n);
        taken[side] += n;
        return uploadAll(side, agents[side], batch, file);
      };
      const child = { vouch: vouch.child, base: base.child };
      await ask(child.vouch, { type: 'rss-begin' }, 'rss-begun');
      await ask(child.base, { type: 'rss-begin' }, 'rss-begun');
      if (WARMUP > 0) {
        await run('base', WARMUP);
        await run('vouch', WARMUP);
      }
      const slices = { vouch: [] as Slice[], base: [] as Slice[] };
      const sizes = split(UPLOADS, 2 * ROUNDS);
      for (let r = 0; r < ROUNDS; r++) {
        for (const [side, n] of [
          ['base', sizes[2 * r]],
          ['vouch', sizes[2 * r]],
          ['vouch', sizes[2 * r + 1]],
          ['base', sizes[2 * r + 1]],
        ] as const) {
          if (n > 0) slices[side].push(await run(side, n));
        }
      }
      const rss = {
        vouch: await ask<RssReport>(child.vouch, { type: 'rss-end' }, 'rss'),
        base: await ask<RssReport>(child.base, { type: 'rss-end' }, 'rss'),
      };
      const [v, b] = [summary(slices.vouch), summary(slices.base)];
      return { store: vouch.ready.store ?? '?', vouch: v, base: b, ratio: v.mbps / b.mbps, rss };
    } finally {
      agents.vouch.destroy();
      agents.base.destroy();
      await stopChild(base.child);
    }
  } finally {
    await stopChild(vouch.child);
    fs.rmSync(vouchDir, { recursive: true, force: true });
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const growth = (r: RssReport) => (r.peak - r.before) / MB;

function print(rows: Row[]) {
  const head = ['store', 'vouch MB/s', 'baseline MB/s', 'ratio', 'target', '', 'vouch RSS +MB', 'target', '', 'baseline RSS +MB'];
  const lines = rows.map((r) => {
    const g = growth(r.rss.vouch);
    return [
      r.store,
      fmt(r.vouch.mbps, 1),
      fmt(r.base.mbps, 1),
      fmt(r.ratio, 2),
      `>= ${TARGETS.ratio}`,
      r.ratio >= TARGETS.ratio ? 'PASS' : 'FAIL',
      fmt(g, 1),
      `<= ${TARGETS.rssMb}`,
      g <= TARGETS.rssMb ? 'PASS' : 'FAIL',
      fmt(growth(r.rss.base), 1),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const out = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log('');
  out(head);
  lines.forEach(out);
  console.log('');
  for (const r of rows) {
    const at = r.rss.vouch.atPeak;
    console.log(
      `${r.store}: seconds per upload p50 / max: vouch ${fmt(r.vouch.p50, 2)} / ${fmt(r.vouch.max, 2)}, baseline ${fmt(r.base.p50, 2)} / ${fmt(r.base.max, 2)}`,
    );
    console.log(
      `${r.store}: vouch RSS ${fmt(r.rss.vouch.before / MB)} MB before, ${fmt(r.rss.vouch.peak / MB)} MB peak ` +
        `(heap used ${fmt(at.heapUsed / MB)}, external ${fmt(at.external / MB)}, array buffers ${fmt(at.arrayBuffers / MB)} MB at the peak); ` +
        `${r.rss.vouch.samples} samples, longest gap ${fmt(r.rss.vouch.maxGapMs)} ms; ${r.rss.vouch.majorGcs} major GCs, ${fmt(r.rss.vouch.gcMs)} ms in GC`,
    );
    console.log(
      `${r.store}: baseline RSS ${fmt(r.rss.base.before / MB)} MB before, ${fmt(r.rss.base.peak / MB)} MB peak; ` +
        `${r.rss.base.samples} samples, longest gap ${fmt(r.rss.base.maxGapMs)} ms; ${r.rss.base.majorGcs} major GCs, ${fmt(r.rss.base.gcMs)} ms in GC`,
    );
  }
}

async function main() {
  if (!(UPLOADS >= 2 * ROUNDS) || !(CONCURRENCY >= 1) || !(WARMUP >= 0)) {
    throw new Error('BENCH_UPLOADS must be at least 2 x BENCH_ROUNDS, BENCH_CONCURRENCY at least 1, BENCH_WARMUP_UPLOADS at least 0');
  }
  const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',').map((s) => s.trim());
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-upload-'));
  let db: Awaited<ReturnType<typeof createBenchDatabase>> = null;
  const cleanUp = async () => {
    await Promise.all([...children].map(stopChild));
    await db?.drop().catch((e) => console.error(`could not drop the bench database: ${(e as Error).message}`));
    db = null;
    fs.rmSync(root, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    console.error(`\nabandoned: the run took longer than ${DEADLINE} s (BENCH_DEADLINE_SECONDS)`);
    for (const c of children) c.kill('SIGKILL');
    children.clear();
    void cleanUp().finally(() => process.exit(1));
  }, DEADLINE * 1000);
  watchdog.unref();
  try {
    console.log(
      `Vouch upload benchmark: ${UPLOADS} uploads of ${FILE_SIZE.toLocaleString('en-US')} bytes per side and store ` +
        `after ${WARMUP} warm-up, ${CONCURRENCY} at a time, node ${process.version}, ${os.cpus().length} cpus`,
    );
    const file = paddedPdf(FILE_SIZE);
    const rows: Row[] = [];
    if (stores.includes('pglite')) {
      console.log('measuring on PGlite (DATA_DIR on disk) ...');
      rows.push(await measureStore(file, root));
    }
    if (stores.includes('postgres')) {
      db = await createBenchDatabase(ADMIN_URL);
      if (db) {
        console.log(`measuring on PostgreSQL (${new URL(db.url).host}${new URL(db.url).pathname}) ...`);
        rows.push(await measureStore(file, root, db.url));
      }
    }
    if (!rows.length) {
      console.log('\nno store was measured');
      return;
    }
    print(rows);
    const missed = rows.flatMap((r) => [
      ...(r.ratio >= TARGETS.ratio ? [] : [`${r.store} throughput`]),
      ...(growth(r.rss.vouch) <= TARGETS.rssMb ? [] : [`${r.store} memory`]),
    ]);
    console.log(missed.length ? `\n${missed.length} target(s) missed: ${missed.join(', ')}` : '\nall targets met');
  } finally {
    await cleanUp();
    clearTimeout(watchdog);
  }
}

const role = process.env.VOUCH_BENCH_ROLE;
(role === 'vouch' ? vouchMain() : role === 'baseline' ? baselineMain() : main()).then(
  () => {
    if (!role) process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
