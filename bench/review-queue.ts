/**
 * The console's review queue with 10,000 waiting items on PGlite, over real HTTP as a signed-in reviewer:
 * the queue page (first page, filtered by program, a page deep in the list), and opening an item (which
 * claims it and shows the person, documents and signals). Each figure is printed with a ratio against a
 * bare baseline measured in the same run, on the same store: the `select ... limit 50` of the same rows
 * through the same Kysely instance. See docs/benchmarks.md.
 *
 *   npx tsx bench/review-queue.ts
 *
 * Env: BENCH_ITEMS (waiting items seeded, default 10000: nine in ten document reviews over two programs,
 * one in ten client ID reports), BENCH_REQUESTS (measured requests per figure, default 200),
 * BENCH_WARMUP (requests before measuring, default 20).
 *
 * One process: Vouch is started with `serve()` on a PGlite data directory under the temp dir, the rows are
 * seeded straight into its store, and the requests are sent one after the other (a reviewer opens one page
 * at a time), so the figures are latencies, not throughput. Targets: the median queue page under 200 ms,
 * opening an item under 100 ms.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/main/config.ts';
import { serve } from '../src/main/serve.ts';
import { bootstrapAccount } from '../src/main/bootstrap.ts';
import { ensureAccount } from '../src/modules/accounts/index.ts';
import { createProgram } from '../src/modules/programs/index.ts';
import { consoleSession } from '../test/support/console.ts';
import { freePort } from '../test/support/net.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
/** The issue's targets: a queue page under 200 ms, opening an item under 100 ms. */
const targetOf = (figure: string) => (figure.startsWith('open') ? 100 : 200);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number) => n.toFixed(2);

async function time(n: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-review-'));
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    PGLITE_FSYNC: 'false',
    RATE_LIMIT_AUTH: '0',
  });
  const running = await serve(config);
  const c = running.container;
  const db = c.store.db;
  const url = config.publicUrl;
  try {
    // ------------------------------------------------------------ seed
    const t0 = performance.now();
    const { account } = await ensureAccount(c.accounts, 'Bench review desk');
    await bootstrapAccount(c, account.id);
    const programs = await Promise.all(
      ['Students', 'Teachers'].map((name) =>
        createProgram(c.programs, account.id, { name, segment: 'student', testMode: false, staticCode: 'X' }),
      ),
    );
    const reports = Math.round(ITEMS / 10);
    const documents = ITEMS - reports;
    const base = Date.now() - 3 * 86_400_000;
    const pendingIds: string[] = [];
    for (let start = 0; start < documents; start += 1000) {
      const rows = [];
      const docs = [];
      for (let i = start; i < Math.min(documents, start + 1000); i++) {
        const id = c.ids.hex24();
        pendingIds.push(id);
        const at = new Date(base + i * 20_000);
        rows.push({
          id,
          account_id: account.id,
          program_id: programs[i % 2].id,
          segment: 'student',
          sub_segment: null,
          current_step: 'pending',
          locale: 'en-US',
          country: 'US',
          test_mode: false,
          tracking_id: null,
          metadata_enc: null,
          person_enc: c.box.encryptJson({
            firstName: `First${i}`,
            lastName: `Last${i}`,
            email: `p${i}@example.com`,
            birthDate: '2001-02-03',
          }),
          person_id: c.box.digest(`bench:${i}`).slice(0, 24),
          organization_id: null,
          organization_name: 'Night School',
          reward_code: null,
          error_ids: '[]',
          system_error_message: null,
          client_ip_enc: null,
          user_agent: null,
          created_by_token: null,
          version: 3,
          created_at: at,
          updated_at: at,
          doc_attempts: 1,
          pending_since: at,
          auto_decision: null,
          auto_decide_at: null,
        });
        docs.push({
          id: c.ids.hex24(),
          account_id: account.id,
          verification_id: id,
          attempt: 1,
          position: 0,
          file_name_enc: c.box.encrypt(`card-${i}.png`),
          mime_type: 'image/png',
          file_size: 20_000 + i,
          status: 'UPLOADED',
          upload_token_hash: null,
          upload_expires_at: at,
          uploaded_at: at,
          sha256: c.box.digest(`file:${i}`),
          blob_key: `bench/${id}`,
          uploader_ip_hash: c.box.digest(`ip:${i % 500}`).slice(0, 32),
          purge_after: null,
          created_at: at,
        });
      }
      await db.insertInto('verifications').values(rows).execute();
      await db.insertInto('documents').values(docs).execute();
    }
    for (let start = 0; start < reports; start += 500) {
      const files = [];
      const clients = [];
      const requests = [];
      const made = [];
      for (let i = start; i < Math.min(reports, start + 500); i++) {
        const at = new Date(base + i * 180_000 + 7_000);
        const [file, client, request] = [c.ids.hex24(), c.ids.hex24(), c.ids.uuid()];
        files.push({
          id: file,
          account_id: account.id,
          requester_reference_id: `BENCH-${i}`,
          file_name: `File ${i}`,
          file_number: `VF-${i}`,
          transaction_key: c.ids.secret('tk'),
          closed_status: null,
          created_at: at,
        });
        clients.push({
          id: client,
          account_id: account.id,
          email_hash: c.box.digest(`c${i}`),
          profile_enc: c.box.encryptJson({}),
          created_at: at,
        });
        requests.push({
          id: request,
          account_id: account.id,
          file_id: file,
          client_id: client,
          requester_client_request_id: null,
          status: 'Review Report',
          banking_required: false,
          replaced_by: null,
          created_at: at,
          updated_at: at,
        });
        made.push({
          id: c.ids.hex24(),
          account_id: account.id,
          file_id: file,
          request_id: request,
          client_id: client,
          report_number: `VR-BENCH-${i}`,
          identity_result: 'Pass',
          fraud_result: 'Pass',
          content_enc: null,
          sample: false,
          review_status_date: at,
          expiry_date: new Date(at.getTime() + 14 * 86_400_000),
          warning_date: new Date(at.getTime() + 12 * 86_400_000),
          audit_until: new Date(at.getTime() + 365 * 86_400_000),
          created_at: at,
        });
      }
      await db.insertInto('case_files').values(files).execute();
      await db.insertInto('idv_clients').values(clients).execute();
      await db.insertInto('client_requests').values(requests).execute();
      await db.insertInto('idv_reports').values(made).execute();
    }
    // Fresh statistics, as autovacuum would have them on a store that grew over time.
    await sql`analyze`.execute(db);
    const seeded = (performance.now() - t0) / 1000;
    const reviewer = await consoleSession(url, c, { accountId: account.id, roles: ['REVIEWER'] });
    const get = async (p: string) => {
      const res = await fetch(`${url}${p}`, { headers: { cookie: reviewer.cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${body.slice(0, 300)}`);
      return body;
    };
    // A link deep in the list: the cursor of page 100 (or the last), found by following Next links.
    let deep = '/console/review';
    for (let pageNo = 0; pageNo < Math.min(100, Math.floor(ITEMS / 50) - 1); pageNo++) {
      const next = /href="(\/console\/review\?after=[^"]+)"/.exec(await get(deep));
      if (!next) break;
      deep = next[1].replace(/&amp;/g, '&');
    }

    // ------------------------------------------------------------ measure
    const baseline = () =>
      db
        .selectFrom('verifications')
        .select(['id', 'program_id', 'pending_since', 'doc_attempts', 'test_mode'])
        .where('account_id', '=', account.id)
        .where('current_step', '=', 'pending')
        .orderBy('pending_since')
        .orderBy('id')
        .limit(50)
        .execute();
    const figures: [string, number[]][] = [];
    const measure = async (name: string, run: (i: number) => Promise<unknown>) => {
      await time(WARMUP, async (i) => void (await run(i + REQUESTS)));
      figures.push([name, await time(REQUESTS, async (i) => void (await run(i)))]);
    };
    await measure('baseline: select ... limit 50', () => baseline());
    await measure('queue page', () => get('/console/review'));
    await measure('queue page, one program', () => get(`/console/review?program=${programs[1].id}`));
    await measure('queue page, deep in the list', () => get(deep));
    // Each opening claims another item: the newest ones, which no page above held.
    await measure('open an item (claims it)', (i) => get(`/console/review/document/${pendingIds[pendingIds.length - 1 - i]}`));
    await measure('baseline (again, after)', () => baseline());

    const base50 = percentile([...figures[0][1], ...figures[figures.length - 1][1]], 50);
    console.log(
      `\nReview queue on PGlite: ${ITEMS} waiting items (${documents} document reviews, ${reports} client ID reports), seeded in ${seeded.toFixed(1)} s`,
    );
    console.log(`${REQUESTS} sequential requests per figure after ${WARMUP} warm-up; times in ms\n`);
    console.log(
      `${'figure'.padEnd(34)}${'median'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}${'x baseline'.padStart(12)}  target`,
    );
    let failed = false;
    for (const [name, xs] of figures) {
      const median = percentile(xs, 50);
      const isPage = !name.startsWith('baseline');
      const target = targetOf(name);
      const verdict = isPage ? (median < target ? 'PASS' : 'FAIL') : '';
      if (verdict === 'FAIL') failed = true;
      console.log(
        `${name.padEnd(34)}${fmt(median).padStart(9)}${fmt(percentile(xs, 95)).padStart(9)}${fmt(Math.max(...xs)).padStart(9)}${(isPage ? fmt(median / base50) : '1.00').padStart(12)}  ${isPage ? `${verdict} (< ${target} ms)` : ''}`,
      );
    }
    console.log(
      `\nThe ratio is what the page costs over the bare query of its rows: the two sources, counts, claims, programs, rendering and HTTP.${failed ? '\nA target was missed.' : ''}`,
    );
  } finally {
    await running.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
