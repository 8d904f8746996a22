import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/app.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { canMakeUnwritable, makeUnwritable } from '../support/unwritable.ts';
import { until } from '../support/wait.ts';

let setup: ServerProcessSetup | undefined;
let undo: (() => void) | undefined;
afterAll(async () => {
  undo?.();
  await setup?.cleanup();
});

// Skipped where neither chmod nor chattr +i can make a directory refuse writes (root without CAP_LINUX_IMMUTABLE).
describe.skipIf(!canMakeUnwritable())(`the blob directory stops taking writes (${TEST_STORE})`, () => {
  it('/ready answers 503 naming "blobs", logs why, and is ready again once writes work', async () => {
    setup = await prepareServerProcess({ LOG_LEVEL: 'warn' });
    const { url, dataDir } = setup;
    let log = '';
    await setup.start(
      {},
      {
        output: (text) => {
          log += text;
        },
      },
    );
    expect((await api(`${url}/ready`)).json).toEqual({ status: 'ready', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'ok' } });

    // A read-only blob directory: chmod as an ordinary user; as root (whom modes do not stop) chattr +i.
    const blobs = path.join(dataDir, 'blobs');
    undo = makeUnwritable([blobs, path.join(blobs, 'tmp')]);
    expect(undo).toBeDefined();
    const down = await until(
      () => api(`${url}/ready`),
      (r) => r.status === 503,
      20_000,
      200,
    );
    expect(down.json).toEqual({ status: 'unavailable', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'unavailable' } });
    await until(
      async () => log,
      (l) => /"check":"blobs","reason":"[^"]*(EACCES|EPERM)/.test(l),
      20_000,
      100,
    );

    undo!();
    undo = undefined;
    await until(
      () => api(`${url}/ready`),
      (r) => r.status === 200,
      20_000,
      200,
    );
    // The probe leaves nothing behind.
    expect(fs.readdirSync(blobs).filter((f) => f.endsWith('.probe'))).toEqual([]);
    expect(fs.readdirSync(path.join(blobs, 'tmp')).filter((f) => f.endsWith('.probe'))).toEqual([]);
  }, 120_000);
});
