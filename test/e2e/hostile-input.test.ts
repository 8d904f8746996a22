import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/platform/db/index.ts';
import { api } from '../support/app.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';

let setup: ServerProcessSetup | undefined;
afterAll(async () => setup?.cleanup());

const nested = (depth: number, leaf: unknown = 'deep') => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
/** A request that must be answered: a hang fails the test at once instead of at the test's own timeout. */
const answered = (url: string, init: Parameters<typeof api>[1] = {}) =>
  Promise.race([api(url, init), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from ${url}`)), 20_000))]);

describe(`one hostile value cannot stop the server (${TEST_STORE})`, () => {
  it('serves a program whose stored messages nest 2,000 deep, refuses new ones, and still stops on SIGTERM within its deadline', async () => {
    // A program that holds such a value already (written before input was bounded, or by hand).
    setup = await prepareServerProcess({ SHUTDOWN_TIMEOUT_MS: '1500', BODY_TIMEOUT_MS: '120000' });
    const { url, port, demo } = setup;
    const programId = demo.programs.student;
    const messages = JSON.stringify({ 'en-US': { errorId: nested(2000) } });
    const direct = await openStore({ databaseUrl: setup.env.DATABASE_URL, dataDir: setup.env.DATABASE_URL ? undefined : setup.dataDir });
    await sql`update programs set config = jsonb_set(config, '{messages}', ${messages}::jsonb) where id = ${programId}`.execute(direct.db);
    await direct.close();

    const server = await setup.start();
    const theme = await answered(`${url}/rest/v2/program/${programId}/theme`);
    expect(theme.status).toBe(200);
    expect(theme.json.intl.locale).toBe('en-US');

    // The same value sent in is refused in the caller's dialect, and nothing is created.
    const before = await answered(`${url}/manage/v1/programs`, { token: demo.token });
    const refused = await answered(`${url}/manage/v1/programs`, {
      token: demo.token,
      body: { name: 'Deep', segment: 'student', staticCode: 'X', messages: { 'en-US': nested(2000) } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.detail).toMatch(/nests deeper than 32 levels/);
    const metadataRefused = await answered(`${url}/rest/v2/verification`, { body: { programId, metadata: nested(100) } });
    expect(metadataRefused.status).toBe(400);
    expect(metadataRefused.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
    const after = await answered(`${url}/manage/v1/programs`, { token: demo.token });
    expect(after.json).toEqual(before.json);

    expect((await answered(`${url}/health`)).status).toBe(200);
    expect((await answered(`${url}/ready`)).status).toBe(200);

    // A stop waits for requests in flight; one whose body never finishes must not hold it past the deadline.
    const trickle = net.connect(port, '127.0.0.1');
    await new Promise((r) => trickle.once('connect', r));
    trickle.write(
      `POST /rest/v2/verification HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"progr`,
    );
    trickle.on('error', () => {});
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
    trickle.destroy();
    expect(code).not.toBe('hung');
  }, 120_000);
});
