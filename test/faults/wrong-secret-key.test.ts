import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/app.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

let setup: ServerProcessSetup | undefined;
afterAll(async () => setup?.cleanup());

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe(`a restart with another SECRET_KEY (${TEST_STORE})`, () => {
  it('starts, says so in the log without the key, answers /ready 503 naming "key", and is ready again with the right key', async () => {
    // The set-up's first start (seeding the demo account) ran with env.SECRET_KEY.
    setup = await prepareServerProcess({ LOG_LEVEL: 'warn' });
    const { url, env } = setup;
    const first = env.SECRET_KEY;
    const other = randomBytes(32).toString('hex');
    const run = async (key: string) => {
      const out = { log: '' };
      const server = await setup!.start({ SECRET_KEY: key }, { output: (text) => { out.log += text; } });
      return { server, out };
    };

    let s = await run(other);
    const down = await api(`${url}/ready`);
    expect(down.status).toBe(503);
    expect(down.json).toEqual({ status: 'unavailable', checks: { store: 'ok', jobs: 'ok', key: 'unavailable', blobs: 'ok' } });
    await until(async () => s.out.log, (log) => log.includes('readiness check failed'), 20_000, 100);
    expect(s.out.log).toContain('SECRET_KEY is not the key this installation');
    expect(s.out.log).toMatch(/"check":"key","reason":"SECRET_KEY does not decrypt/);
    expect(s.out.log).not.toContain(first);
    expect(s.out.log).not.toContain(other);
    await stop(s.server);

    s = await run(first);
    expect((await api(`${url}/ready`)).json).toEqual({ status: 'ready', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'ok' } });
    expect(s.out.log).not.toContain('is not the key');
    await stop(s.server);
  }, 180_000);
});
