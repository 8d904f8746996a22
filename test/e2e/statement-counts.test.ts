import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccount } from '../../src/main/bootstrap.ts';
import { loadConfig } from '../../src/main/config.ts';
import { serve, type Running } from '../../src/main/serve.ts';
import { ensureAccount } from '../../src/modules/accounts/index.ts';
import { migrate, openStore, type Store } from '../../src/platform/db/index.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { freePort } from '../support/net.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';

/**
 * The statements the end-user flow sends, counted at the store: the request path's round trips are part of
 * its contract (see docs/benchmarks.md), so a change that adds one fails here rather than only in a benchmark.
 */
let statements: string[] = [];
const REQUEST_PATH = /\b(verifications|verification_steps|audit_log|programs|program_verification_limits|webhook_endpoints)\b/;
let store: Store;
let running: Running;
let pg: Awaited<ReturnType<typeof createPostgresDatabase>> | null = null;
let programId: string;
let url: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-count-'));

beforeAll(async () => {
  pg = TEST_STORE === 'postgres' ? await createPostgresDatabase() : null;
  // Background work (job queues polling, the webhook dispatcher, sweeps) shares the store: only statements on
  // the tables of the request path are counted.
  store = await openStore({ databaseUrl: pg?.url, onStatement: (sql) => REQUEST_PATH.test(sql) && statements.push(sql) });
  await migrate(store);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    // Without per-address limits: on PostgreSQL each counted request adds its counter's upsert (shared by the instances).
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_STEP: '0',
    DOCUMENT_READING: 'off',
  });
  running = await serve(config, { store });
  const { account } = await ensureAccount(running.container.accounts, 'Counted');
  programId = (await bootstrapAccount(running.container, account.id)).programs.student;
});
afterAll(async () => {
  // The server closes the store it was given when it stops.
  if (running) await running.stop();
  else await store?.close();
  await pg?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The statements one request sent (its audit entry is written before it is answered). */
async function counted(send: () => Promise<Response>) {
  statements = [];
  const res = await send();
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body, sent: statements.map((s) => s.trim().split(/\s+/).slice(0, 3).join(' ').toLowerCase()) };
}

const post = (to: string, body: unknown) =>
  fetch(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('statements per request of the instant-decision flow (an account without webhook endpoints)', () => {
  it('create: one statement, then its audit entry; submit: one read and one write, then its audit entry; status: one read', async () => {
    // The first flow fills the read caches (the program, the account's endpoints, the program's limit).
    const warm = (await (await post(`${url}/rest/v2/verification`, { programId })).json()) as { submissionUrl: string };
    await post(warm.submissionUrl, VALID_BODIES.collectStudentPersonalInfo);

    const create = await counted(() => post(`${url}/rest/v2/verification`, { programId }));
    expect(create.status).toBe(200);
    expect(create.sent).toEqual(['with "v" as', 'insert into audit_log']);

    const submit = await counted(() => post(String(create.body.submissionUrl), VALID_BODIES.collectStudentPersonalInfo));
    expect(submit.body.currentStep).toBe('success');
    expect(submit.sent).toEqual(['select "id", "account_id",', 'with "u" as', 'insert into audit_log']);

    const status = await counted(() => fetch(`${url}/rest/v2/verification/${String(create.body.verificationId)}`));
    expect(status.body.currentStep).toBe('success');
    expect(status.sent).toEqual(['select "id", "account_id",']);
  });
});
