import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReverify } from '../../src/main/reverify-command.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seedStudents } from '../support/seed.ts';

const run = promisify(execFile);
let app: TestApp;
let seeded: Awaited<ReturnType<typeof seedStudents>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-rv-'));
beforeAll(async () => {
  app = await startTestApp();
  seeded = await seedStudents(app.running.container, 1200);
  fs.writeFileSync(path.join(dir, 'ids.csv'), `verificationId\n${seeded.ids.join('\n')}\n`);
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('vouch reverify', () => {
  it('creates the batch through the API, prints progress lines when not on a terminal, and downloads the report', async () => {
    const out = path.join(dir, 'report.csv');
    const { stdout, stderr } = await run(
      'node',
      [
        'bin/vouch.js',
        'reverify',
        '--program',
        seeded.programId,
        '--file',
        path.join(dir, 'ids.csv'),
        '--report',
        out,
        '--url',
        app.url,
        '--token',
        seeded.token,
      ],
      { env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    expect(JSON.parse(stdout).batchId).toMatch(/^[0-9a-f]{32}$/);
    expect(stderr).toMatch(/COMPLETE 1200\/1200/);
    expect(stderr).not.toContain('\r');
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1201);
    expect(lines[0].startsWith('"Request ID"')).toBe(true);
  }, 120_000);

  it('draws a progress bar on a terminal', async () => {
    let written = '';
    const tty = Object.assign(
      new Writable({
        write(chunk, _e, done) {
          written += chunk;
          done();
        },
      }),
      { isTTY: true },
    ) as unknown as NodeJS.WriteStream;
    await runReverify({
      program: seeded.programId,
      file: path.join(dir, 'ids.csv'),
      wait: true,
      url: app.url,
      token: seeded.token,
      out: tty,
      pollMs: 50,
    });
    expect(written).toMatch(/\r\[#{30}\] 100% 1200\/1200 COMPLETE/);
  }, 120_000);

  it('retries 503 and 429 answers after their Retry-After, sending the creating request with one Idempotency-Key', async () => {
    // In front of the server: the first creating request and the first status request are refused once.
    const keys: string[] = [];
    const refused = new Set<string>();
    const front = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const kind = req.method === 'POST' ? 'create' : 'status';
      if (req.method === 'POST') keys.push(String(req.headers['idempotency-key']));
      if (!refused.has(kind)) {
        refused.add(kind);
        res.writeHead(kind === 'create' ? 503 : 429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{}');
        return;
      }
      const answer = await fetch(`${app.url}${req.url}`, {
        method: req.method,
        headers: {
          authorization: String(req.headers.authorization),
          ...(req.method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': keys.at(-1)! } : {}),
        },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const few = path.join(dir, 'few.csv');
      fs.writeFileSync(few, `${seeded.ids.slice(0, 5).join('\n')}\n`);
      let written = '';
      const out = new Writable({
        write(chunk, _e, done) {
          written += chunk;
          done();
        },
      }) as unknown as NodeJS.WriteStream;
      const { port } = front.address() as { port: number };
      const result = await runReverify({
        program: seeded.programId,
        file: few,
        wait: true,
        url: `http://127.0.0.1:${port}`,
        token: seeded.token,
        out,
        pollMs: 50,
      });
      expect(result.batchId).toMatch(/^[0-9a-f]{32}$/);
      expect(written).toMatch(/POST \/rest\/v2\/verification\/reverify: 503, retrying in 1 s/);
      expect(written).toMatch(/GET \/rest\/v2\/verification\/reverify\/[0-9a-f]{32}: 429, retrying in 1 s/);
      expect(written).toMatch(/COMPLETE 5\/5/);
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      expect(written).toContain(`Idempotency-Key: ${keys[0]}`);
    } finally {
      await new Promise((r) => front.close(r));
    }
  }, 60_000);

  it('fails clearly without a token or with a bad file', async () => {
    await expect(
      run('node', ['bin/vouch.js', 'reverify', '--program', seeded.programId, '--file', path.join(dir, 'ids.csv'), '--url', app.url], {
        env: { ...process.env, VOUCH_TOKEN: '' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('token is required') });
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'not-an-id\nnope\n');
    await expect(
      run('node', [
        'bin/vouch.js',
        'reverify',
        '--program',
        seeded.programId,
        '--file',
        path.join(dir, 'bad.csv'),
        '--url',
        app.url,
        '--token',
        seeded.token,
      ]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('24 hexadecimal') });
  }, 60_000);
});
