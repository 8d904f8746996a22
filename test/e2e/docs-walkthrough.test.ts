import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outputPattern, parseDocBlocks, readDocBlocks } from '../support/doc-blocks.ts';
import { blockEnv, makeWorkDir, runDocBlocks } from '../support/doc-runner.ts';
import { freePort } from '../support/net.ts';
import { prepareServerProcess } from '../support/server-process.ts';

// Every shell block of README.md and docs/**/*.md runs, in order, against a real server on the store under
// test, and prints what it shows (docs/decisions/runnable-docs.md). README.md bootstraps and starts its
// own server with its own commands; a file of docs/ runs against a server started for it, with the
// bootstrap's answer in demo.json, as a reader who followed the README has.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILES = [
  'README.md',
  ...(fs.readdirSync(path.join(ROOT, 'docs'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const TIMEOUT = 300_000;

describe('the docs run as written', () => {
  for (const file of FILES) {
    const blocks = readDocBlocks(path.join(ROOT, file));
    const runnable = blocks.filter((b) => b.notRun === null);
    if (!runnable.length) continue;
    it(
      `${file}: ${runnable.length} of ${blocks.length} shell blocks`,
      async () => {
        const selfStarted = file === 'README.md';
        const setup = await prepareServerProcess();
        const cwd = makeWorkDir();
        try {
          const { PUBLIC_URL: _, LOG_LEVEL: __, ...serverEnv } = setup.env;
          for (const k of Object.keys(serverEnv)) if (k.startsWith('RATE_LIMIT_')) delete serverEnv[k];
          if (!selfStarted) {
            fs.writeFileSync(path.join(cwd, 'demo.json'), JSON.stringify(setup.demo));
            await setup.start({ PUBLIC_URL: '' });
          }
          // The webhook example's receiver listens on HOOKS_PORT (9090 by default): a free one here.
          const env = blockEnv({ ...serverEnv, HOOKS_PORT: String(await freePort()) });
          const run = await runDocBlocks(runnable, { cwd, env, host: `localhost:${setup.port}` });
          expect(run.problems).toEqual([]);
        } finally {
          await setup.cleanup();
          fs.rmSync(cwd, { recursive: true, force: true });
        }
      },
      TIMEOUT,
    );
  }
});

describe('the runner fails a doc that does not work', () => {
  const env = blockEnv({});
  const doc = (body: string) => parseDocBlocks(body);

  it('fails a block whose command fails, naming its line', async () => {
    const cwd = makeWorkDir();
    const run = await runDocBlocks(doc('text\n\n```sh\necho one\n```\n\n```sh\ncat missing.csv\necho never\n```\n'), {
      cwd,
      env,
      host: 'localhost:1',
    });
    fs.rmSync(cwd, { recursive: true, force: true });
    expect(run.problems.join('\n')).toMatch(/block at line 7 failed/);
    expect(run.runs[1].output).not.toContain('never');
  });

  it('fails a block that does not print the output it shows, and accepts one that does', async () => {
    const cwd = makeWorkDir();
    const blocks = doc(
      [
        '```sh',
        `node -e 'console.log(JSON.stringify({a: 1, url: "http://localhost:1/x/7", b: [2]}))'`,
        '# {"a":1,"url":"http://localhost:8080/x/…",',
        '#  "b":[2]}',
        '```',
        '```bash',
        'echo \'{"a":2}\'',
        '# {"a":3}',
        '```',
      ].join('\n'),
    );
    const run = await runDocBlocks(blocks, { cwd, env, host: 'localhost:1' });
    fs.rmSync(cwd, { recursive: true, force: true });
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatch(/line 6 did not print what it shows:\n\{"a":3\}/);
  });

  it('fails a curl that gets an HTTP error status, showing the body', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end('{"detail":"no such thing"}')).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const cwd = makeWorkDir();
    try {
      const { port } = server.address() as AddressInfo;
      const run = await runDocBlocks(doc(`\`\`\`sh\ncurl -s http://127.0.0.1:${port}/x\n\`\`\`\n`), { cwd, env, host: 'localhost:1' });
      expect(run.problems.join('\n')).toMatch(/block at line 1 failed \(exit 22\):\n\{"detail":"no such thing"\}/);
    } finally {
      server.close();
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('reads a wildcard inside a JSON string as part of that string only', () => {
    const inString = outputPattern('{"a":"x...","b":2}', { host: 'localhost:1' });
    expect(inString.test('{"a":"x1","b":2}')).toBe(true);
    expect(inString.test('{"a":"x1","c":"z","b":2}')).toBe(false);
    expect(outputPattern('{"a":1,...,"b":2}', { host: 'localhost:1' }).test('{"a":1,"c":"x","b":2}')).toBe(true);
  });

  it('reads not-run marks, which need a reason', () => {
    const blocks = doc('<!-- not-run: needs a real PostgreSQL host -->\n\n```sh\nnpx vouch migrate\n```\n```sh\necho run\n```\n');
    expect(blocks.map((b) => b.notRun)).toEqual(['needs a real PostgreSQL host', null]);
    expect(() => doc('<!-- not-run: -->\n```sh\nx\n```\n')).toThrow(/needs a reason/);
  });
});
