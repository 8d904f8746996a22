import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runReverify } from '../../src/main/reverify-command.ts';
import { freePort } from '../support/net.ts';
import { until } from '../support/wait.ts';

// `vouch reverify` against an address where nothing answers: every line it writes and its final error name
// that address, and without --url it is http://localhost:$PORT.
describe('vouch reverify when the server cannot be reached', () => {
  it('names the address and the reason, on each retry and when it gives up', async () => {
    const port = await freePort();
    let written = '';
    const out = new Writable({
      write(chunk, _enc, done) {
        written += String(chunk);
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const failed = await runReverify({
      resume: 'b'.repeat(32),
      wait: true,
      url: `http://127.0.0.1:${port}`,
      token: 'vch_x',
      out,
      retryForMs: 1500,
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(failed?.message).toMatch(
      new RegExp(
        `^cannot reach http://127\\.0\\.0\\.1:${port}: connection refused \\(ECONNREFUSED on GET /rest/v2/verification/reverify/b{32}\\)\\. ` +
          'The address comes from --url, else VOUCH_URL, else PUBLIC_URL, else http://localhost:\\$PORT$',
      ),
    );
    expect(written).toMatch(
      new RegExp(
        `GET /rest/v2/verification/reverify/b{32}: ECONNREFUSED, retrying in \\d+ s \\(no answer from http://127\\.0\\.0\\.1:${port}\\)`,
      ),
    );
  });

  it('without --url, VOUCH_URL or PUBLIC_URL, talks to http://localhost:$PORT', async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-unreachable-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VOUCH_URL|PUBLIC_URL|PORT)$/.test(k)));
    // It retries a refused connection for minutes: the first retry line is enough, then it is stopped.
    const child = spawn('node', ['bin/vouch.js', 'reverify', '--resume', 'c'.repeat(32), '--wait', '--token', 'vch_x'], {
      env: { ...env, PORT: String(port), DATA_DIR: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
    });
    try {
      await until(
        async () => stderr,
        (t) => /retrying in/.test(t),
        60_000,
      );
      expect(stderr).toContain(`(no answer from http://localhost:${port})`);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
