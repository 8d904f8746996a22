import { execFile } from 'node:child_process';
import fs from 'node:fs';
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
    const { stdout, stderr } = await run('node', ['bin/vouch.js', 'reverify', '--program', seeded.programId, '--file', path.join(dir, 'ids.csv'),
      '--report', out, '--url', app.url, '--token', seeded.token], { env: { ...process.env, LOG_LEVEL: 'warn' } });
    expect(JSON.parse(stdout).batchId).toMatch(/^[0-9a-f]{32}$/);
    expect(stderr).toMatch(/COMPLETE 1200\/1200/);
    expect(stderr).not.toContain('\r');
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1201);
    expect(lines[0].startsWith('"Request ID"')).toBe(true);
  }, 120_000);

  it('draws a progress bar on a terminal', async () => {
    let written = '';
    const tty = Object.assign(new Writable({ write(chunk, _e, done) { written += chunk; done(); } }), { isTTY: true }) as unknown as NodeJS.WriteStream;
    await runReverify({ program: seeded.programId, file: path.join(dir, 'ids.csv'), wait: true, url: app.url, token: seeded.token, out: tty, pollMs: 50 });
    expect(written).toMatch(/\r\[#{30}\] 100% 1200\/1200 COMPLETE/);
  }, 120_000);

  it('fails clearly without a token or with a bad file', async () => {
    await expect(run('node', ['bin/vouch.js', 'reverify', '--program', seeded.programId, '--file', path.join(dir, 'ids.csv'), '--url', app.url], { env: { ...process.env, VOUCH_TOKEN: '' } }))
      .rejects.toMatchObject({ stderr: expect.stringContaining('token is required') });
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'not-an-id\nnope\n');
    await expect(run('node', ['bin/vouch.js', 'reverify', '--program', seeded.programId, '--file', path.join(dir, 'bad.csv'), '--url', app.url, '--token', seeded.token]))
      .rejects.toMatchObject({ stderr: expect.stringContaining('24 hexadecimal') });
  }, 60_000);
});
