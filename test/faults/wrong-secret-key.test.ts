import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { serve } from '../../src/main/serve.ts';
import { api } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { runToEnd, type Ended } from '../support/refused-start.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';

const setups: ServerProcessSetup[] = [];
afterAll(async () => {
  for (const s of setups) await s.cleanup();
});

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A verification with personal data (encrypted at rest), made through the API of a server run in this process. */
async function personWith(setup: ServerProcessSetup): Promise<string> {
  const running = await serve(loadConfig(setup.env));
  try {
    const created = await api(`${running.url}/rest/v2/verification`, { body: { programId: setup.demo.programs.student } });
    const step = await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, email: 'kept.person@example.com' },
    });
    expect(step.status).toBe(200);
    return created.json.verificationId;
  } finally {
    await running.stop();
  }
}

/** The server, started again, is ready and decrypts the person's data. */
async function readsBack(setup: ServerProcessSetup, extra: Record<string, string>, verificationId: string) {
  const server = await setup.start(extra);
  expect((await api(`${setup.url}/ready`)).json).toEqual({ status: 'ready', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'ok' } });
  const details = await api(`${setup.url}/rest/v2/verification/${verificationId}/details`, { token: setup.demo.token });
  expect(details.status).toBe(200);
  expect(details.json.personInfo).toMatchObject({ firstName: 'Randy', email: 'kept.person@example.com' });
  await stop(server);
}

/** Refused: exit code 1, one line on standard error starting with `line`, nothing on standard output, no key anywhere. */
function expectRefused(ended: Ended, line: RegExp, keys: string[]) {
  expect(ended.code).toBe(1);
  expect(ended.stdout).toBe('');
  expect(ended.stderr.endsWith('\n')).toBe(true);
  expect(ended.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(ended.stderr).toMatch(line);
  for (const key of keys) {
    expect(ended.stderr).not.toContain(key);
    expect(ended.stderr.toLowerCase()).not.toContain(Buffer.from(key, 'hex').toString('base64').toLowerCase());
  }
}

describe(`a start with a key that is not the data's (${TEST_STORE})`, () => {
  it('another SECRET_KEY: `serve` and a CLI command exit 1 with one line naming SECRET_KEY, the data stays readable with the right key', async () => {
    const setup = await prepareServerProcess();
    setups.push(setup);
    const { url, env, dataDir } = setup;
    const first = env.SECRET_KEY;
    const other = randomBytes(32).toString('hex');
    const vid = await personWith(setup);

    const refusal =
      /^vouch: SECRET_KEY does not match the key this installation's data was encrypted with \(the key check written at its first start\); .*docs\/operations\.md#the-secret-key\n$/;
    expectRefused(await runToEnd(['serve'], { ...env, SECRET_KEY: other }, url), refusal, [first, other]);
    expectRefused(await runToEnd(['token', 'list', '--account', setup.demo.accountId], { ...env, SECRET_KEY: other }), refusal, [
      first,
      other,
    ]);
    // The embedded store was closed before the refusal: its directory lock is released.
    expect(fs.existsSync(path.join(dataDir, 'vouch.pid'))).toBe(false);

    await readsBack(setup, {}, vid);
  }, 180_000);

  it('in the process that opens the store: createContainer throws and leaves the store closed, so the right key opens it at once', async () => {
    const setup = await prepareServerProcess();
    setups.push(setup);
    const other = randomBytes(32).toString('hex');
    await expect(createContainer(loadConfig({ ...setup.env, SECRET_KEY: other }))).rejects.toThrow(/^SECRET_KEY does not match/);
    // On the embedded store an unreleased directory lock would refuse this second open in the same process.
    const c = await createContainer(loadConfig(setup.env));
    await c.close();
  }, 120_000);

  it('the generated key file replaced, then lost: refused naming the file and SECRET_KEY; the file of the first start put back works', async () => {
    // No SECRET_KEY: the set-up's first start (seeding the demo account) made DATA_DIR/secret.key.
    const setup = await prepareServerProcess({ SECRET_KEY: '' });
    setups.push(setup);
    const { url, env, dataDir } = setup;
    const keyFile = path.join(dataDir, 'secret.key');
    const original = fs.readFileSync(keyFile, 'utf8');
    const first = original.trim();
    const vid = await personWith(setup);

    // Replaced by another key: refused, and the file is left as it was (it is the operator's to fix).
    const other = randomBytes(32).toString('hex');
    fs.writeFileSync(keyFile, `${other}\n`, { mode: 0o600 });
    const replaced = await runToEnd(['serve'], env, url);
    expectRefused(
      replaced,
      new RegExp(
        `^vouch: the key file ${keyFile} \\(used because SECRET_KEY is not set\\) does not match the key this installation's data was encrypted with`,
      ),
      [first, other],
    );
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${other}\n`);

    // Lost (a data directory restored without its key file): this start makes a key, is refused, and removes it again.
    fs.rmSync(keyFile);
    const lost = await runToEnd(['serve'], env, url);
    expectRefused(
      lost,
      new RegExp(
        `^vouch: SECRET_KEY is not set and DATA_DIR ${dataDir} held no secret\\.key, so this start made a new key, which does not match`,
      ),
      [first],
    );
    expect(fs.existsSync(keyFile)).toBe(false);

    fs.writeFileSync(keyFile, original, { mode: 0o600 });
    await readsBack(setup, {}, vid);
  }, 180_000);
});
