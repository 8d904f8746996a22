import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/vouch.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const vouch = (...args: string[]) => run('node', [BIN, ...args], { env });

describe('the vouch CLI on the embedded store', () => {
  it('bootstraps idempotently and prints one JSON object', async () => {
    const first = JSON.parse((await vouch('bootstrap', '--json')).stdout);
    expect(first.accountId).toMatch(/^[0-9a-f]{24}$/);
    expect(first.token).toMatch(/^vch_/);
    expect(Object.keys(first.programs)).toEqual(
      expect.arrayContaining(['student', 'teacher', 'military', 'senior', 'age', 'firstResponder', 'medical', 'employment']),
    );
    const second = JSON.parse((await vouch('bootstrap', '--json')).stdout);
    expect(second.accountId).toBe(first.accountId);
    expect(second.programs).toEqual(first.programs);
    expect(second.token).not.toBe(first.token);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);

    const list = JSON.parse((await vouch('token', 'list', '--account', first.accountId, '--json')).stdout);
    expect(list.filter((t: { revoked: number | null }) => t.revoked === null)).toHaveLength(1);
  }, 180_000);

  it('manages accounts, tokens and programs, refuses names that are not a single line, with --help on every command', async () => {
    const account = JSON.parse((await vouch('account', 'create', '--name', 'Acme Books', '--json')).stdout);
    await expect(vouch('account', 'create', '--name', 'Acme\nBooks')).rejects.toMatchObject({
      stderr: expect.stringContaining('Account name must be a single line'),
    });
    const token = JSON.parse(
      (await vouch('token', 'create', '--account', account.id, '--name', 'ops', '--roles', 'VERIFIER,REVIEWER', '--json')).stdout,
    );
    expect(token.roles).toEqual(['VERIFIER', 'REVIEWER']);
    await expect(vouch('token', 'create', '--account', account.id, '--name', 'ops\r\nX', '--json')).rejects.toMatchObject({
      stderr: expect.stringContaining('Token name must be a single line'),
    });
    await expect(vouch('token', 'create', '--account', account.id, '--name', 'x', '--roles', 'ROOT')).rejects.toMatchObject({ code: 1 });
    await vouch('token', 'revoke', '--account', account.id, token.id);
    // The one token made, revoked; the refused ones were never stored.
    const tokens = JSON.parse((await vouch('token', 'list', '--account', account.id, '--json')).stdout);
    expect(tokens.map((t: { id: string; revoked: unknown }) => [t.id, t.revoked !== null])).toEqual([[token.id, true]]);
    const file = path.join(dataDir, 'program.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'Teachers', segment: 'teacher', offerType: 'staticCode', staticCode: 'TEACH' }));
    const program = JSON.parse((await vouch('program', 'create', '--account', account.id, '--file', file, '--json')).stdout);
    expect(program).toMatchObject({ segment: 'teacher', testMode: true, staticCode: 'TEACH' });
    fs.writeFileSync(file, JSON.stringify({ name: 'Bad', segment: 'pirates' }));
    await expect(vouch('program', 'create', '--account', account.id, '--file', file)).rejects.toMatchObject({
      stderr: expect.stringContaining('segment'),
    });
    const helps = await Promise.all(
      [
        [],
        ['serve'],
        ['migrate'],
        ['bootstrap'],
        ['account', 'create'],
        ['token', 'create'],
        ['token', 'list'],
        ['token', 'revoke'],
        ['program', 'create'],
      ].map((cmd) => vouch(...cmd, '--help')),
    );
    for (const help of helps) expect(help.stdout).toContain('Usage: vouch');
  }, 180_000);

  it('limits a token to addresses and a user, suspends and activates an account, disables and enables a user, auditing each change', async () => {
    const account = JSON.parse((await vouch('account', 'create', '--name', 'Access Limits', '--json')).stdout);
    const issued = JSON.parse(
      (
        await vouch(
          ...['token', 'create', '--account', account.id, '--name', 'office', '--roles', 'VERIFIER', '--json'],
          ...['--allowed-ips', '203.0.113.0/24, ::1', '--user', 'Ops@Example.com'],
        )
      ).stdout,
    );
    expect(issued).toMatchObject({ roles: ['VERIFIER'], allowedIpAddresses: ['203.0.113.0/24', '::1'], userCreated: true });
    // A bad entry is named, and refused before the store is opened.
    await expect(
      vouch('token', 'create', '--account', account.id, '--name', 'x', '--allowed-ips', '10.0.0.1,10.0.0.999'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('"10.0.0.999"'),
    });
    expect((await vouch('account', 'suspend', account.id)).stdout).toContain(`Now suspended: ${account.id}`);
    expect((await vouch('account', 'activate', account.id)).stdout).toContain(`Now active: ${account.id}`);
    // The user is found by the email it was created with, whatever its case.
    expect((await vouch('user', 'disable', '--account', account.id, '--email', 'ops@example.com')).stdout).toContain(
      `Now disabled: user ${issued.userId}`,
    );
    expect((await vouch('user', 'enable', '--account', account.id, '--email', 'OPS@example.com')).stdout).toContain('Now enabled');
    const helps = await Promise.all(
      [
        ['account', 'suspend'],
        ['account', 'activate'],
        ['user', 'disable'],
        ['user', 'enable'],
      ].map((cmd) => vouch(...cmd, '--help')),
    );
    for (const help of helps) expect(help.stdout).toContain('Usage: vouch');

    const { openStore } = await import('../../src/platform/db/index.ts');
    const store = await openStore({ dataDir });
    try {
      const entries = await store.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type', 'actor_id', 'subject_type', 'subject_id'])
        .where('account_id', '=', account.id)
        .orderBy('id')
        .execute();
      expect(entries).toEqual([
        { action: 'account.suspend', actor_type: 'system', actor_id: 'cli', subject_type: 'account', subject_id: account.id },
        { action: 'account.activate', actor_type: 'system', actor_id: 'cli', subject_type: 'account', subject_id: account.id },
        { action: 'user.disable', actor_type: 'system', actor_id: 'cli', subject_type: 'user', subject_id: issued.userId },
        { action: 'user.enable', actor_type: 'system', actor_id: 'cli', subject_type: 'user', subject_id: issued.userId },
      ]);
    } finally {
      await store.close();
    }
  }, 180_000);

  it('serves, keeps a second process off the data directory, and stops cleanly on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn('node', [BIN, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'pipe' });
    let up = false;
    for (let i = 0; i < 60 && !up; i++) {
      await new Promise((r) => setTimeout(r, 250));
      up = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
    }
    expect(up).toBe(true);
    await expect(vouch('bootstrap', '--json')).rejects.toMatchObject({ stderr: expect.stringContaining('Another Vouch process') });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'vouch.pid'))).toBe(false);
    expect(JSON.parse((await vouch('bootstrap', '--json')).stdout).accountId).toMatch(/^[0-9a-f]{24}$/);
  }, 180_000);
});
