import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/app.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

let setup: ServerProcessSetup | undefined;
let admin: pg.Client | undefined;
afterAll(async () => {
  await admin?.end();
  await setup?.cleanup();
});

// What a managed PostgreSQL does when its storage fills up (and what a replica always is): it answers every
// read and refuses every write. The embedded store has no such state; its full disk is full-disk.test.ts.
describe.skipIf(TEST_STORE !== 'postgres')('the database turns read-only (postgres)', () => {
  it('/ready answers 503 naming "store" while writes are refused, and 200 once they are taken again', async () => {
    setup = await prepareServerProcess({ LOG_LEVEL: 'warn' });
    const { url, env } = setup;
    let log = '';
    await setup.start(
      {},
      {
        output: (text) => {
          log += text;
        },
      },
    );
    expect((await api(`${url}/ready`)).status).toBe(200);

    // Sessions of the database start read-only; the server's connections are ended, so it reconnects into that.
    const name = new URL(env.DATABASE_URL).pathname.slice(1);
    admin = new pg.Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    const readOnly = async (on: boolean) => {
      await admin!.query(
        on ? `alter database ${name} set default_transaction_read_only = on` : `alter database ${name} reset default_transaction_read_only`,
      );
      await admin!.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    };
    await readOnly(true);
    const down = await until(
      () => api(`${url}/ready`),
      (r) => r.status === 503,
      30_000,
      200,
    );
    expect(down.json).toEqual({ status: 'unavailable', checks: { store: 'unavailable', jobs: 'ok', key: 'ok', blobs: 'ok' } });
    await until(
      async () => log,
      (l) => /"check":"store","reason":"cannot execute INSERT in a read-only transaction"/.test(l),
      20_000,
      100,
    );

    await readOnly(false);
    await until(
      () => api(`${url}/ready`),
      (r) => r.status === 200,
      30_000,
      200,
    );
  }, 120_000);
});
