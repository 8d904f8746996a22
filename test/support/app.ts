import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/main/config.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { bootstrapAccount } from '../../src/main/bootstrap.ts';
import { ensureAccount } from '../../src/modules/accounts/index.ts';
import { serve, type Running } from '../../src/main/serve.ts';
import { freePort } from './net.ts';
import { seedDataDir } from './pglite-template.ts';
import { createPostgresDatabase, TEST_STORE } from './stores.ts';

export interface TestApp {
  url: string;
  running: Running;
  /** A fresh demo-like account with a token holding every role and a test program per segment. */
  bootstrap(): ReturnType<typeof bootstrapAccount>;
  close(): Promise<void>;
}

/**
 * One real server per test file, on a real socket, over the store under test. Tests isolate themselves
 * by working in accounts of their own rather than by resetting the store.
 */
export async function startTestApp(env: Record<string, string> = {}, overrides: { clock?: Clock } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-test-'));
  const pgdb = TEST_STORE === 'postgres' ? await createPostgresDatabase() : null;
  // The embedded store starts from a copy of a migrated database: much cheaper than a fresh one.
  if (!pgdb) await seedDataDir(dataDir);
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    // A throwaway database: no flush to the disk at each commit (what survives a power loss is test/embedded's subject).
    PGLITE_FSYNC: 'false',
    // Rate limits are off unless a test sets them: tests of other features send bursts from one IP and token.
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_STEP: '0',
    RATE_LIMIT_LINK: '0',
    RATE_LIMIT_UPLOAD: '0',
    RATE_LIMIT_AUTH: '0',
    // Documents are not read (OCR) unless a test turns it on: the other tests need not pay for it.
    DOCUMENT_READING: 'off',
    // `{port}` in a value stands for the port chosen here (PUBLIC_URL on another host name, say).
    ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replaceAll('{port}', String(port))])),
  });
  const running = await serve(config, overrides);
  let n = 0;
  return {
    url: config.publicUrl,
    running,
    bootstrap: async () => {
      // Each call makes its own account, so tests never see each other's data.
      const { account } = await ensureAccount(running.container.accounts, `Test ${randomBytes(4).toString('hex')} ${++n}`);
      return bootstrapAccount(running.container, account.id);
    },
    close: async () => {
      await running.stop();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON over real HTTP. */
export type Demo = Awaited<ReturnType<TestApp['bootstrap']>>;

/**
 * The usual set-up of a test file: one app for the file (started before its tests, closed after them)
 * and one demo account in it. Read `app` and `demo` inside tests and hooks, once they have started.
 */
export function useTestApp(env: Record<string, string> = {}, overrides: { clock?: Clock } = {}) {
  const t = {} as { app: TestApp; demo: Demo };
  beforeAll(async () => {
    t.app = await startTestApp(env, overrides);
    t.demo = await t.app.bootstrap();
  });
  afterAll(async () => {
    await t.app?.close();
  });
  return t;
}

export async function api(
  url: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
