import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/main/config.ts';
import { envHelpText, envTableMarkdown, withEnvTable } from '../../src/main/config-docs.ts';
import { ENV_VARS } from '../../src/main/config-vars.ts';
import { DEFAULT_PGLITE_SHARED_BUFFERS } from '../../src/platform/db/index.ts';

/** The problems loadConfig reports for `env` (none: an empty list). */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

describe('configuration from the environment', () => {
  it('keeps its defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      dataDir: path.resolve('.vouch'),
      databaseUrl: undefined,
      pgliteSharedBuffers: DEFAULT_PGLITE_SHARED_BUFFERS,
      pgliteFsync: true,
      memoryProfile: 'throughput',
      secretKey: undefined,
      logLevel: 'info',
      trustProxy: 'loopback',
      bodyLimitBytes: 1048576,
      smtpUrl: undefined,
      mailFrom: 'Vouch <no-reply@localhost>',
      mailConcurrency: 4,
      rateLimits: { create: 300, step: 300, link: 60, upload: 60, auth: 30 },
      webhookAllowPrivateTargets: false,
      jobRetryLimit: 10,
      queryTimeoutMs: 30000,
      connectTimeoutMs: 5000,
      shutdownTimeoutMs: 25000,
      http: { headersTimeoutMs: 15000, bodyTimeoutMs: 30000, uploadMinBytesPerSecond: 8192, idleTimeoutMs: 60000 },
    });
    expect(loadConfig({ PORT: '9090' }).publicUrl).toBe('http://localhost:9090');
    expect(loadConfig({ PUBLIC_URL: 'https://verify.example.com//' }).publicUrl).toBe('https://verify.example.com');
  });

  it('names the variable, what is wrong and what it should be, one line each', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: '99999' }, /^PORT must be a port number between 1 and 65535, got '99999'$/],
      [{ PORT: '80a' }, /^PORT must be a port number between 1 and 65535, got '80a'$/],
      [
        { DATABASE_URL: 'not-a-url' },
        /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL with a host, .*got 'not-a-url' \(not a URL\)/,
      ],
      [{ DATABASE_URL: 'mysql://db/vouch' }, /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
      [{ SMTP_URL: 'http://mail.example.com' }, /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL with a host/],
      [{ PUBLIC_URL: 'verify.example.com' }, /^PUBLIC_URL must be an absolute http:\/\/ or https:\/\/ URL, .*got 'verify.example.com'$/],
      [
        { SECRET_KEY: 'short' },
        /^SECRET_KEY must be 32 bytes written as 64 hex characters or as base64 \(make one with: openssl rand -hex 32\), got 5 characters/,
      ],
      [{ SECRET_KEY: 'g'.repeat(64) }, /^SECRET_KEY must be 32 bytes/],
      [{ BODY_LIMIT_BYTES: '1MB' }, /^BODY_LIMIT_BYTES must be a whole number of bytes, 1 or more, got '1MB'$/],
      [{ BODY_LIMIT_BYTES: '0' }, /^BODY_LIMIT_BYTES must be a whole number/],
      [{ RATE_LIMIT_CREATE: '-1' }, /^RATE_LIMIT_CREATE must be a whole number, 0 or more, got '-1'$/],
      [{ HEADERS_TIMEOUT_MS: '9999999999' }, /^HEADERS_TIMEOUT_MS must be a whole number of milliseconds, from 0 to 2147483647/],
      [{ PGLITE_FSYNC: 'yes' }, /^PGLITE_FSYNC must be true or false, got 'yes'$/],
      [{ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'on' }, /^WEBHOOK_ALLOW_PRIVATE_TARGETS must be true or false/],
      [{ PGLITE_SHARED_BUFFERS: '32M' }, /^PGLITE_SHARED_BUFFERS must be a size such as 32MB/],
      [{ MEMORY_PROFILE: 'tiny' }, /^MEMORY_PROFILE must be one of throughput, small, got 'tiny'$/],
      [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'$/],
      [
        { TRUST_PROXY: '10.0.0.0/40' },
        /^TRUST_PROXY must be loopback, true, false, or IP addresses and CIDR ranges .*'10.0.0.0\/40' is none of these/,
      ],
      [{ TRUST_PROXY: '2' }, /^TRUST_PROXY must be/],
      [{ HOST: 'http://0.0.0.0' }, /^HOST must be an address to listen on/],
      [{ MAIL_FROM: 'Vouch' }, /^MAIL_FROM must be a sender on one line/],
    ];
    for (const [env, expected] of cases) {
      const found = problems(env);
      expect(found, JSON.stringify(env)).toHaveLength(1);
      expect(found[0]).toMatch(expected);
      expect(found[0]).not.toContain('\n');
    }
  });

  it('reports every wrong variable at once, and throws nothing for right ones', () => {
    const found = problems({ PORT: '99999', DATABASE_URL: 'not-a-url', LOG_LEVEL: 'loud', PUBLIC_URL: 'https://ok.example.com' });
    expect(found.map((p) => p.split(' ')[0])).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL']);
    expect(() => loadConfig({ PORT: '99999' })).toThrow(ConfigError);
  });

  it('never repeats a password or a key it refuses', () => {
    const [db] = problems({ DATABASE_URL: 'mysql://vouch:hunter2@db/vouch' });
    expect(db).toContain('mysql://vouch:***@db/vouch');
    expect(db).not.toContain('hunter2');
    const [smtp] = problems({ SMTP_URL: 'smtp//user:hunter2@mail' });
    expect(smtp).not.toContain('hunter2');
    const key = 'k'.repeat(50);
    expect(problems({ SECRET_KEY: key })[0]).not.toContain(key);
  });

  it('accepts what the rest of Vouch accepts', () => {
    expect(
      problems({
        SECRET_KEY: randomBytes(32).toString('base64'),
        DATABASE_URL: 'postgresql:///vouch?host=/var/run/postgresql',
        SMTP_URL: 'smtps://u:p@mail.example.com:465',
        TRUST_PROXY: 'loopback, 10.0.0.0/8,::1,192.168.0.0/255.255.0.0',
        HOST: '::',
        PGLITE_FSYNC: 'FALSE',
        LOG_LEVEL: 'debug',
        MEMORY_PROFILE: 'small',
        PORT: ' 8081 ',
      }),
    ).toEqual([]);
    expect(loadConfig({ SECRET_KEY: randomBytes(32).toString('hex').toUpperCase() }).secretKey).toMatch(/^[0-9A-F]{64}$/);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    // Floors under timeouts and concurrency stay floors, as before.
    expect(loadConfig({ SMTP_TIMEOUT_MS: '5', MAIL_CONCURRENCY: '0' })).toMatchObject({ smtpTimeoutMs: 100, mailConcurrency: 1 });
  });
});

describe('the documented list of variables', () => {
  it('README.md holds the current table between its markers', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(withEnvTable(readme), 'the README table is not current: run `npm run docs:config`').toBe(readme);
  });

  it('lists every declared variable once, in the table and in the help', () => {
    const names = Object.keys(ENV_VARS);
    const table = envTableMarkdown().split('\n').slice(2);
    expect(table.map((row) => /^\| `([A-Z_]+)` \|/.exec(row)?.[1])).toEqual(names);
    const help = envHelpText().split('\n').slice(1);
    expect(help.map((line) => line.trim().split(' ')[0])).toEqual(names);
    expect(help.find((l) => l.trim().startsWith('PORT '))).toMatch(/HTTP port \(default: 8080\)$/);
  });

  it('refuses a README without the markers rather than writing elsewhere', () => {
    expect(() => withEnvTable('# Vouch\nno table here\n')).toThrow(/env:start/);
    const text = 'before\n<!-- env:start (generated) -->\nold\n<!-- env:end -->\nafter\n';
    expect(withEnvTable(text)).toBe(`before\n<!-- env:start (generated) -->\n${envTableMarkdown()}\n<!-- env:end -->\nafter\n`);
  });
});
