import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatBanner, testModeText, type StartFacts } from '../../src/main/banner.ts';
import { ConfigError } from '../../src/main/config.ts';
import { holdPort } from '../../src/main/port-hold.ts';
import { databaseTarget, explainListenFailure, explainStoreFailure, failureLines } from '../../src/main/start-failures.ts';
import { formatLogLine } from '../../src/platform/http/pretty-log.ts';
import { freePort } from '../support/net.ts';

const facts: StartFacts = {
  version: '1.2.3',
  url: 'https://verify.example.com',
  listening: 'http://0.0.0.0:8080',
  store: 'PostgreSQL at postgres://vouch:***@db:5432/vouch',
  blobs: 'files under /srv/vouch/blobs (encrypted)',
  mail: 'written to /srv/vouch/outbox/*.eml (set SMTP_URL to send it)',
  key: 'SECRET_KEY',
  programs: { total: 8, testMode: 3 },
};

describe('the start-up banner', () => {
  it('says where Vouch answers, where data and mail go, what is in test mode and how to stop', () => {
    const text = formatBanner(facts);
    expect(text.split('\n')).toEqual([
      'Vouch 1.2.3 is running',
      '  URL:       https://verify.example.com (listening on http://0.0.0.0:8080)',
      '  Store:     PostgreSQL at postgres://vouch:***@db:5432/vouch',
      '  Blobs:     files under /srv/vouch/blobs (encrypted)',
      '  Mail:      written to /srv/vouch/outbox/*.eml (set SMTP_URL to send it)',
      '  Key:       SECRET_KEY',
      '  Test mode: 3 of 8 programs (their decisions are simulated)',
      '  Stop with Ctrl+C (SIGTERM elsewhere): requests in flight finish first.',
    ]);
    expect(formatBanner({ ...facts, listening: facts.url })).toContain('  URL:       https://verify.example.com\n');
  });

  it('tells what to do when there are no programs yet', () => {
    expect(testModeText({ total: 0, testMode: 0 })).toMatch(/^none yet: run `npx vouch bootstrap`/);
    expect(testModeText({ total: 4, testMode: 0 })).toBe('none (all 4 programs are live)');
  });
});

describe('log lines on a terminal', () => {
  it('shows a request as method, path, status and duration, with the rest as key=value', () => {
    const time = new Date(2026, 2, 24, 9, 5, 7, 42).getTime();
    const line = JSON.stringify({
      level: 30,
      time,
      pid: 1,
      hostname: 'h',
      reqId: 'req-7',
      method: 'GET',
      url: '/rest/v2/info',
      status: 200,
      durationMs: 3.1,
      remoteAddress: '127.0.0.1',
      msg: 'request completed',
    });
    expect(formatLogLine(line)).toBe('09:05:07.042 INFO  GET /rest/v2/info 200 3.1 ms reqId=req-7 remoteAddress=127.0.0.1');
    const warn = JSON.stringify({ level: 40, time, msg: 'link mail could not be sent', linkId: 4, reason: 'SMTP timeout' });
    expect(formatLogLine(warn)).toBe('09:05:07.042 WARN  link mail could not be sent linkId=4 reason="SMTP timeout"');
    expect(formatLogLine(warn, { color: true })).toContain('\u001b[33mWARN ');
  });

  it('passes anything that is not a JSON object through', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
    expect(formatLogLine('[1,2]')).toBe('[1,2]');
  });
});

describe("start-up failures in the operator's words", () => {
  it('prints a configuration error as one line per variable, and any other error on one line', () => {
    expect(failureLines(new ConfigError(['PORT must be ...', 'HOST must be ...']))).toEqual(['PORT must be ...', 'HOST must be ...']);
    expect(failureLines(new Error('SECRET_KEY is not the key\n  this installation was encrypted with'))).toEqual([
      'SECRET_KEY is not the key this installation was encrypted with',
    ]);
    expect(failureLines('odd')).toEqual(['odd']);
  });

  it('names where DATABASE_URL points, never its password', () => {
    expect(databaseTarget('postgres://u:secret@db.internal/vouch')).toBe('db.internal:5432, database vouch');
    expect(databaseTarget('postgresql:///vouch?host=/var/run/postgresql')).toBe('socket /var/run/postgresql, database vouch');
    const explained = explainStoreFailure(Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND' }), {
      databaseUrl: 'postgres://u:secret@db.internal/vouch',
      connectTimeoutMs: 5000,
    });
    expect((explained as Error).message).toBe(
      'cannot reach the database at DATABASE_URL (db.internal:5432, database vouch): the host name db.internal is not known',
    );
    // The embedded store's own errors are left as they are.
    const own = new Error('Another Vouch process holds the data directory');
    expect(explainStoreFailure(own, { databaseUrl: undefined, connectTimeoutMs: 5000 })).toBe(own);
    expect(explainListenFailure(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }), '10.9.9.9', 80)).toMatchObject({
      message: expect.stringMatching(/^HOST 10\.9\.9\.9 is not an address of this machine/),
    });
  });
});

describe('the port held while the store starts', () => {
  it('answers 503 "starting" until released, then leaves the port free', async () => {
    const port = await freePort();
    const hold = await holdPort('127.0.0.1', port);
    const r = await fetch(`http://127.0.0.1:${port}/health`);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(await r.json()).toEqual({ status: 'starting' });
    await expect(holdPort('127.0.0.1', port)).rejects.toThrow(
      `PORT ${port} is already in use (another Vouch or program is listening); set PORT to a free port`,
    );
    await hold.release();
    const next = net.createServer();
    await new Promise<void>((resolve, reject) => next.once('error', reject).listen(port, '127.0.0.1', resolve));
    next.close();
  });
});
