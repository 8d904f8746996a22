import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/platform/crypto/index.ts';
import { api } from '../support/app.ts';
import { makePng, put } from '../support/fixtures.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { freePort } from '../support/net.ts';
import { runToEnd, type Ended } from '../support/refused-start.ts';
import { prepareServerProcess, startServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { canMakeUnwritable, makeUnwritable } from '../support/unwritable.ts';
import { until } from '../support/wait.ts';

// Instances on one PostgreSQL: the embedded store is one process, so none of this applies to it.
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-second-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** Another instance of the set-up's installation: its own port, and `extra` on top (another DATA_DIR ...). */
async function another(setup: ServerProcessSetup, extra: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return { url, env: { ...setup.env, PORT: String(port), PUBLIC_URL: url, ...extra } };
}

async function started(env: Record<string, string>, url: string): Promise<ChildProcess> {
  const child = await startServerProcess(env, url);
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  return child;
}

function expectOneLine(ended: Ended, line: RegExp) {
  expect(ended.code).toBe(1);
  expect(ended.stdout).toBe('');
  expect(ended.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(ended.stderr).toMatch(line);
}

const READY = { status: 'ready', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'ok' } };

describe.skipIf(TEST_STORE !== 'postgres')('a second instance on the same PostgreSQL', () => {
  it('on another DATA_DIR is refused naming DATA_DIR; on the same DATA_DIR it starts and serves the documents the first one stored', async () => {
    const setup = await prepareServerProcess();
    cleanups.push(() => setup.cleanup());
    await setup.start();
    expect((await api(`${setup.url}/ready`)).json).toEqual(READY);

    // A document stored through the first instance: its bytes are a file under the first DATA_DIR/blobs.
    const created = await api(`${setup.url}/rest/v2/verification`, { body: { programId: setup.demo.programs.student } });
    const at = await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
    expect(at.json.currentStep).toBe('docUpload');
    const png = makePng(64, 64);
    const declared = await api(at.json.submissionUrl, { body: [{ fileName: 'id.png', mimeType: 'image/png', fileSize: png.length }] });
    expect(
      (await put(declared.json.documents[0].uploadUrl, png, { 'content-type': 'image/png', 'content-length': String(png.length) })).status,
    ).toBe(200);

    const elsewhere = tempDir();
    const refused = await another(setup, { DATA_DIR: elsewhere });
    expectOneLine(
      await runToEnd(['serve'], refused.env, refused.url),
      new RegExp(
        `^vouch: DATA_DIR ${elsewhere} is not where this installation's documents are: .*every instance on one DATABASE_URL must share the same DATA_DIR/blobs`,
      ),
    );

    const sharing = await another(setup);
    await started(sharing.env, sharing.url);
    expect((await api(`${sharing.url}/ready`)).json).toEqual(READY);
    const doc = await fetch(
      `${sharing.url}/rest/v2/review/${created.json.verificationId}/document/${declared.json.documents[0].documentId}`,
      {
        headers: { authorization: `Bearer ${setup.demo.token}` },
      },
    );
    expect(doc.status).toBe(200);
    expect(Buffer.from(await doc.arrayBuffer()).equals(png)).toBe(true);
    // The first instance is still ready too.
    expect((await api(`${setup.url}/ready`)).json).toEqual(READY);
  }, 180_000);

  it('two first starts without SECRET_KEY, each making its own key file in its own DATA_DIR: the second is refused naming SECRET_KEY', async () => {
    const db = await createPostgresDatabase();
    cleanups.push(() => db.drop());
    const base = { HOST: '127.0.0.1', LOG_LEVEL: 'error', DATABASE_URL: db.url };
    const instance = async (dataDir: string, extra: Record<string, string> = {}) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      return { url, env: { ...base, DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: url, ...extra } };
    };
    const dirA = tempDir();
    const dirB = tempDir();
    const a = await instance(dirA);
    await started(a.env, a.url);
    expect(fs.existsSync(path.join(dirA, 'secret.key'))).toBe(true);

    const b = await instance(dirB);
    expectOneLine(
      await runToEnd(['serve'], b.env, b.url),
      new RegExp(
        `^vouch: SECRET_KEY is not set and DATA_DIR ${dirB} held no secret\\.key, so this start made a new key, which does not match the key this installation's data was encrypted with`,
      ),
    );
    expect(fs.existsSync(path.join(dirB, 'secret.key'))).toBe(false);

    // The fix the line gives: the first start's key (and, for documents, its DATA_DIR).
    const key = fs.readFileSync(path.join(dirA, 'secret.key'), 'utf8').trim();
    const fixed = await instance(dirA, { SECRET_KEY: key });
    await started(fixed.env, fixed.url);
    expect((await api(`${fixed.url}/ready`)).json).toEqual(READY);
  }, 180_000);

  it('/ready names "key" when the database behind a running instance is another installation\'s, and "blobs" when its blob directory is swapped', async () => {
    const setup = await prepareServerProcess({ LOG_LEVEL: 'warn' });
    cleanups.push(() => setup.cleanup());
    let log = '';
    await setup.start(
      {},
      {
        output: (text) => {
          log += text;
        },
      },
    );
    expect((await api(`${setup.url}/ready`)).json).toEqual(READY);

    const client = new pg.Client({ connectionString: setup.env.DATABASE_URL });
    await client.connect();
    cleanups.push(() => client.end());
    const { rows } = await client.query("select value from vouch_meta where key = 'secret_key_check'");
    const ours = rows[0].value as string;
    const theirs = createSecretBox(randomBytes(32)).encrypt('vouch secret key check');
    await client.query("update vouch_meta set value = $1 where key = 'secret_key_check'", [theirs]);
    const keyDown = await until(
      () => api(`${setup.url}/ready`),
      (r) => r.status === 503,
      20_000,
      200,
    );
    expect(keyDown.json.checks).toEqual({ store: 'ok', jobs: 'ok', key: 'unavailable', blobs: 'ok' });
    await until(
      async () => log,
      (l) => /"check":"key","reason":"SECRET_KEY does not decrypt the key check the store holds now"/.test(l),
      20_000,
      100,
    );
    await client.query("update vouch_meta set value = $1 where key = 'secret_key_check'", [ours]);
    await until(
      () => api(`${setup.url}/ready`),
      (r) => r.status === 200,
      20_000,
      200,
    );

    // A network volume come unmounted: the empty mount point takes writes, but holds none of the documents.
    const blobs = path.join(setup.dataDir, 'blobs');
    fs.renameSync(blobs, `${blobs}.mounted`);
    fs.mkdirSync(path.join(blobs, 'tmp'), { recursive: true });
    const blobsDown = await until(
      () => api(`${setup.url}/ready`),
      (r) => r.status === 503,
      20_000,
      200,
    );
    expect(blobsDown.json.checks).toEqual({ store: 'ok', jobs: 'ok', key: 'ok', blobs: 'unavailable' });
    await until(
      async () => log,
      (l) => /"check":"blobs","reason":"[^"]*vouch-blob-store\.id/.test(l),
      20_000,
      100,
    );
    fs.rmSync(blobs, { recursive: true });
    fs.renameSync(`${blobs}.mounted`, blobs);
    expect(
      (
        await until(
          () => api(`${setup.url}/ready`),
          (r) => r.status === 200,
          20_000,
          200,
        )
      ).json,
    ).toEqual(READY);
  }, 180_000);
});

// Skipped where neither chmod nor chattr +i can make a directory refuse writes (root without CAP_LINUX_IMMUTABLE).
describe.skipIf(TEST_STORE !== 'postgres' || !canMakeUnwritable())(
  'a first server start on PostgreSQL whose blob directory takes no writes',
  () => {
    it('is refused naming DATA_DIR (no marker can be made), and starts once the directory is writable', async () => {
      const setup = await prepareServerProcess();
      cleanups.push(() => setup.cleanup());
      const blobs = path.join(setup.dataDir, 'blobs');
      const undo = makeUnwritable([blobs]);
      expect(undo).toBeDefined();
      cleanups.push(() => undo?.());
      expectOneLine(
        await runToEnd(['serve'], setup.env, setup.url),
        new RegExp(
          `^vouch: DATA_DIR ${setup.dataDir}: the blob directory's marker blobs/vouch-blob-store\\.id can be neither read nor made \\([^)]*(EACCES|EPERM)`,
        ),
      );
      undo!();
      await setup.start();
      expect((await api(`${setup.url}/ready`)).json).toEqual(READY);
    }, 120_000);
  },
);
