/**
 * Time to first render of the hosted form, as a ratio against a static file of the same size served by the
 * same server, and the page's weight. See docs/benchmarks.md.
 *
 *   npx tsx bench/form.ts            (or npm run bench:form)
 *
 * Env: BENCH_REQUESTS (measured requests per page and side, default 300), BENCH_WARMUP_REQUESTS (default 50).
 *
 * The parent process is the client. The server runs in a child process (this file again, with
 * VOUCH_BENCH_ROLE=server), so that client and server do not share an event loop: Vouch on the embedded
 * store (PGlite in memory) with one more route, `GET /bench/static/:name`, that serves a file from disk.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { VALID_BODIES } from '../test/support/bodies.ts';
import { makePng } from '../test/support/fixtures.ts';
import { freePort } from '../test/support/net.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP_REQUESTS ?? 50);
const TARGETS = { ratio: 0.5, weightKb: 60 } as const;
const KB = 1000;
const STATIC_NAME = /^[a-z-]+\.html$/;

interface Ready {
  type: 'ready';
  url: string;
  programId: string;
}

// ---------------------------------------------------------------- server process

/**
 * Vouch as `serve()` starts it, with the baseline's route added to the same Fastify instance. `serve()`
 * builds and starts the server in one call, and a Fastify instance takes no route once it is ready, so the
 * route comes in as one more module, before `buildServer`; the rest is what `serve()` does, minus the sweeps.
 */
async function serverMain() {
  const { loadConfig } = await import('../src/main/config.ts');
  const { createContainer } = await import('../src/main/container.ts');
  const { buildServer } = await import('../src/main/server.ts');
  const { bootstrapAccount } = await import('../src/main/bootstrap.ts');
  const { ensureAccount } = await import('../src/modules/accounts/index.ts');
  const { OPEN_READ, rails } = await import('../src/platform/http/rails.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-form-'));
  const staticDir = process.env.VOUCH_BENCH_STATIC_DIR!;
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    // One client sends every request from one IP: per-IP rate limits would measure the limiter, not the work.
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_STEP: '0',
    RATE_LIMIT_LINK: '0',
    RATE_LIMIT_UPLOAD: '0',
    RATE_LIMIT_AUTH: '0',
  });
  const container = await createContainer(config, { inMemory: true });
  container.modules.push({
    name: 'bench-static',
    routes(app) {
      // What a static file server does for a small file: read it (from the page cache), send it whole. The
      // route goes through the same rails (metrics, limits, audit hooks) and sets the page's own headers.
      app.get('/bench/static/:name', { schema: { hide: true }, config: rails(OPEN_READ) }, async (req, reply) => {
        const { name } = req.params as { name: string };
        if (!STATIC_NAME.test(name)) return reply.code(404).send({ error: 'not found' });
        const body = await fs.promises.readFile(path.join(staticDir, name));
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(body);
      });
    },
  });
  const app = await buildServer(container);
  await container.jobs.start();
  for (const m of container.modules) await m.start?.(app.log);
  await app.listen({ port: config.port, host: config.host });
  const { account } = await ensureAccount(container.accounts, 'Bench');
  const { programs } = await bootstrapAccount(container, account.id);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await container.jobs.stop();
    for (const m of container.modules) await m.stop?.();
    await container.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  const ready: Ready = { type: 'ready', url: config.publicUrl, programId: programs.student };
  process.send!(ready);
}

// ---------------------------------------------------------------- client

interface Answer {
  status: number;
  type: string;
  body: Buffer;
}

/** One request on the kept-alive connection; `ms`: from sending it to the last byte of the answer. */
function request(agent: http.Agent, url: string, method = 'GET', body?: Buffer, headers: Record<string, string> = {}) {
  return new Promise<Answer & { ms: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
          ms: performance.now() - t0,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function json(agent: http.Agent, url: string, method = 'GET', body?: unknown): Promise<Record<string, any>> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const r = await request(agent, url, method, payload, payload ? { 'content-type': 'application/json' } : {});
  const text = r.body.toString('utf8');
  if (r.status !== 200) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, any>;
}

/** A page the bench needs, or a failure that says what is missing. */
async function page(agent: http.Agent, url: string, what: string, type: RegExp): Promise<Buffer> {
  const r = await request(agent, url);
  if (r.status !== 200 || !type.test(r.type)) {
    const hint =
      r.status === 404
        ? ' (is the hosted-form module wired into the server, in src/main/container.ts?)'
        : r.status >= 500
          ? ' (the form failed: see the server log above)'
          : '';
    throw new Error(`${what}: GET ${url} answered ${r.status} ${r.type}${hint}\n${r.body.toString('utf8').slice(0, 300)}`);
  }
  return r.body;
}

/**
 * A verification of the test-mode student program left pending: the `UPLOAD` first name sends it to
 * docUpload; a file named for "needs review" is declared, uploaded and completed, and stays pending.
 */
async function pendingVerification(agent: http.Agent, ready: Ready): Promise<string> {
  const created = await json(agent, `${ready.url}/rest/v2/verification`, 'POST', { programId: ready.programId });
  const person = { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD', organization: { id: 1, name: 'Any' } };
  const atUpload = await json(agent, String(created.submissionUrl), 'POST', person);
  if (atUpload.currentStep !== 'docUpload') throw new Error(`verification went to ${String(atUpload.currentStep)}, not docUpload`);
  const png = makePng();
  const declared = await json(agent, String(atUpload.submissionUrl), 'POST', [
    { fileName: 'needs_review_sheerID_docReview_testMode.png', mimeType: 'image/png', fileSize: png.length },
  ]);
  const put = await request(agent, String(declared.documents?.[0]?.uploadUrl), 'PUT', png, {
    'content-type': 'image/png',
    'content-length': String(png.length),
  });
  if (put.status !== 200) throw new Error(`upload answered ${put.status}: ${put.body.toString('utf8').slice(0, 300)}`);
  const done = await json(agent, String(declared.submissionUrl), 'POST');
  if (done.currentStep !== 'pending') throw new Error(`completeDocUpload went to ${String(done.currentStep)}, not pending`);
  return String(created.verificationId);
}

interface Pair {
  label: string;
  form: string;
  floor: string;
  size: number;
  step: string;
}
interface Figure {
  median: number;
  p95: number;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const figure = (ms: number[]): Figure => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
};

/**
 * Sequential requests, the form and its static file in turn (which goes first alternates), so drift during
 * the run (other load on the machine, the collector) weighs on both alike. Every answer is checked.
 */
async function measure(agent: http.Agent, pair: Pair, count: number) {
  const times = { form: [] as number[], floor: [] as number[] };
  for (let i = 0; i < count; i++) {
    for (const side of i % 2 ? (['floor', 'form'] as const) : (['form', 'floor'] as const)) {
      const r = await request(agent, pair[side]);
      if (r.status !== 200) throw new Error(`${pair.label} (${side}): GET ${pair[side]} answered ${r.status}`);
      // The status step's page tells the time it was made: sizes may differ by a few bytes, never more.
      if (Math.abs(r.body.length - pair.size) > 64)
        throw new Error(`${pair.label} (${side}): ${r.body.length} bytes, expected about ${pair.size}`);
      times[side].push(r.ms);
    }
  }
  return { form: figure(times.form), floor: figure(times.floor) };
}

const fmt = (n: number, d = 2) => n.toFixed(d);

async function main() {
  if (!(REQUESTS >= 1) || !(WARMUP >= 0)) throw new Error('BENCH_REQUESTS must be at least 1, BENCH_WARMUP_REQUESTS at least 0');
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-static-'));
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, VOUCH_BENCH_ROLE: 'server', VOUCH_BENCH_STATIC_DIR: staticDir },
  });
  // One connection, kept alive: each figure is the server's work and the transfer, not TCP set-up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        resolve(m as Ready);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with code ${code} before it was ready`));
      });
    });
    console.log(
      `Vouch hosted form benchmark: ${REQUESTS} requests per page and side after ${WARMUP} warm-up, sequential, ` +
        `one kept-alive connection; PGlite in memory; node ${process.version}, ${os.cpus().length} cpus`,
    );
    const formUrl = `${ready.url}/form/${ready.programId}`;
    const first = await page(agent, formUrl, 'the form', /^text\/html/);
    const verificationId = await pendingVerification(agent, ready);
    const statusUrl = `${formUrl}?verificationId=${verificationId}`;
    const status = await page(agent, statusUrl, 'the status step', /^text\/html/);
    // The step each page shows, read from the page (`data-step`), so that a wrong page does not go unseen.
    const stepOf = (html: Buffer) => /data-step="([^"]*)"/.exec(html.toString('utf8'))?.[1] ?? 'unknown';
    if (stepOf(status) !== 'pending') console.log(`note: the status page shows step ${stepOf(status)}, not pending`);
    const css = await page(agent, `${ready.url}/form/assets/form.css`, 'the stylesheet', /^text\/css/);
    const js = await page(agent, `${ready.url}/form/assets/form.js`, 'the script', /javascript/);

    // The baseline: each page's own bytes, saved as a file and served by the same server.
    fs.writeFileSync(path.join(staticDir, 'first-step.html'), first);
    fs.writeFileSync(path.join(staticDir, 'status-step.html'), status);
    const pairs: Pair[] = [
      {
        label: 'form first step',
        form: formUrl,
        floor: `${ready.url}/bench/static/first-step.html`,
        size: first.length,
        step: stepOf(first),
      },
      {
        label: 'form status step',
        form: statusUrl,
        floor: `${ready.url}/bench/static/status-step.html`,
        size: status.length,
        step: stepOf(status),
      },
    ];
    for (const pair of pairs) await measure(agent, pair, WARMUP);
    const rows = [];
    for (const pair of pairs) rows.push({ pair, ...(await measure(agent, pair, REQUESTS)) });

    console.log('');
    let missed = 0;
    for (const { pair, form, floor } of rows) {
      const ratio = floor.median / form.median;
      if (ratio < TARGETS.ratio) missed++;
      console.log(
        `${pair.label}: ${fmt(ratio)}x of a static file of the same size (median ${fmt(form.median)} ms vs ${fmt(floor.median)} ms)` +
          ` — target >= ${TARGETS.ratio}x: ${ratio >= TARGETS.ratio ? 'PASS' : 'FAIL'}`,
      );
      console.log(
        `  step ${pair.step}, ${(pair.size / KB).toFixed(1)} KB of HTML; p95 ${fmt(form.p95)} ms vs ${fmt(floor.p95)} ms (${fmt(floor.p95 / form.p95)}x)`,
      );
    }
    const gz = (b: Buffer) => zlib.gzipSync(b).length / KB;
    for (const [label, html] of [
      ['first step', first],
      ['status step', status],
    ] as const) {
      const total = gz(html) + gz(css) + gz(js);
      if (total >= TARGETS.weightKb) missed++;
      console.log(
        `page weight, ${label}: ${fmt(total, 1)} KB gzip (HTML ${fmt(gz(html), 1)} + form.css ${fmt(gz(css), 1)} + form.js ${fmt(gz(js), 1)}; ` +
          `${fmt((html.length + css.length + js.length) / KB, 1)} KB uncompressed) — target < ${TARGETS.weightKb} KB: ` +
          `${total < TARGETS.weightKb ? 'PASS' : 'FAIL'}`,
      );
    }
    console.log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
  } finally {
    agent.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(staticDir, { recursive: true, force: true });
  }
}

const role = process.env.VOUCH_BENCH_ROLE;
(role === 'server' ? serverMain() : main()).then(
  () => {
    if (!role) process.exit(0);
  },
  (e) => {
    console.error(e instanceof Error && !role ? `bench failed: ${e.message}` : e);
    process.exit(1);
  },
);
