import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { seedStudents } from '../support/seed.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

const RECORDS = 6000;
let setup: ServerProcessSetup | undefined;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) c();
  await setup?.cleanup();
});

/** `vouch reverify` as a real process; its output so far and its end. */
function cli(args: string[]) {
  const child = spawn('node', ['bin/vouch.js', 'reverify', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  const run = { stdout: '', stderr: '', exit: new Promise<number | null>((r) => child.once('exit', r)) };
  child.stdout.setEncoding('utf8').on('data', (t: string) => {
    run.stdout += t;
  });
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    run.stderr += t;
  });
  return run;
}

async function killed(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe(`vouch reverify --wait through a server restart (${TEST_STORE})`, () => {
  it('retries until the server is back, finishes, and neither the restart, a re-run with its key nor --resume makes a second batch', async () => {
    setup = await prepareServerProcess();
    const { url, env, dataDir } = setup;
    const seeding = await createContainer(loadConfig(env));
    const seeded = await seedStudents(seeding, RECORDS);
    const small = await seedStudents(seeding, 20);
    await seeding.close();
    const ids = path.join(dataDir, 'ids.csv');
    fs.writeFileSync(ids, `verificationId\n${seeded.ids.join('\n')}\n`);
    const smallIds = path.join(dataDir, 'small.csv');
    fs.writeFileSync(smallIds, `${small.ids.join('\n')}\n`);
    const common = ['--url', url, '--token', seeded.token, '--program', seeded.programId, '--file', ids];

    let server = await setup.start();
    const first = cli([...common, '--wait']);
    // Killed while the command follows the batch, and started again a moment later.
    await until(
      async () => first.stderr,
      (t) => /^(PENDING|RUNNING) \d+\/6000$/m.test(t),
      120_000,
      50,
    );
    await killed(server);
    await until(
      async () => first.stderr,
      (t) => /retrying in/.test(t),
      30_000,
      50,
    );
    server = await setup.start();
    expect(await first.exit).toBe(0);
    const batchId = JSON.parse(first.stdout).batchId;
    expect(first.stderr).toMatch(
      /GET \/rest\/v2\/verification\/reverify\/[0-9a-f]{32}: (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET), retrying in \d+ s/,
    );
    expect(first.stderr).toMatch(/^COMPLETE 6000\/6000$/m);
    const key = /Idempotency-Key: (\S+)/.exec(first.stderr)![1];

    // The same run repeated with its key: the same batch, already complete.
    const again = cli([...common, '--idempotency-key', key, '--wait']);
    expect(await again.exit).toBe(0);
    expect(JSON.parse(again.stdout).batchId).toBe(batchId);
    // Following it by id, with its report.
    const report = path.join(dataDir, 'report.csv');
    const resumed = cli(['--url', url, '--token', seeded.token, '--resume', batchId, '--report', report]);
    expect(await resumed.exit).toBe(0);
    expect(fs.readFileSync(report, 'utf8').trimEnd().split('\n')).toHaveLength(RECORDS + 1);

    // Started while the server is down: the creating request is retried (with its key) until it is back.
    await killed(server);
    const early = cli(['--url', url, '--token', small.token, '--program', small.programId, '--file', smallIds, '--wait']);
    await until(
      async () => early.stderr,
      (t) => /POST \/rest\/v2\/verification\/reverify: ECONNREFUSED, retrying/.test(t),
      30_000,
      50,
    );
    server = await setup.start();
    expect(await early.exit).toBe(0);
    expect(early.stderr).toMatch(/^COMPLETE 20\/20$/m);
    await killed(server);

    const check = await createContainer(loadConfig(env));
    try {
      const batches = await check.store.db
        .selectFrom('reverify_batches')
        .select(['id', 'account_id', 'status'])
        .where('account_id', 'in', [seeded.accountId, small.accountId])
        .execute();
      expect(batches.map((b) => b.account_id).sort()).toEqual([seeded.accountId, small.accountId].sort());
      expect(batches.find((b) => b.account_id === seeded.accountId)).toMatchObject({ id: batchId, status: 'COMPLETE' });
    } finally {
      await check.close();
    }
  }, 420_000);
});
