import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/main/config.ts';
import { createSmsSender, parseSmsUrl, SmsError } from '../../src/platform/sms/index.ts';
import { freePort } from '../support/net.ts';

/** The sender's error, or a failure of the test when it resolved. */
async function refusal(p: Promise<unknown>): Promise<SmsError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'expected the send to fail').toBeInstanceOf(SmsError);
  return e as SmsError;
}

describe('the outbox SMS sender (no SMS_URL)', () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-sms-')), 'outbox-sms');
  const sender = createSmsSender({ outboxDir: dir });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('writes one readable file per message, private to the owner, in the order sent', async () => {
    const first = await sender.send({ to: '+15550001111', body: 'Verify here: https://verify.example.com/form/abc' });
    const second = await sender.send({ to: '+442079460000', body: 'Deuxième message, accentué' });
    expect(first.file && path.dirname(first.file)).toBe(dir);
    expect(fs.readFileSync(first.file!, 'utf8')).toMatch(
      /^To: \+15550001111\nDate: \d{4}-\d\d-\d\dT[0-9:.]+Z\n\nVerify here: https:\/\/verify\.example\.com\/form\/abc\n$/,
    );
    expect(fs.readFileSync(second.file!, 'utf8')).toContain('\n\nDeuxième message, accentué\n');
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const names = fs.readdirSync(dir);
    expect(names).toEqual([path.basename(first.file!), path.basename(second.file!)].sort());
    expect(names.every((n) => n.endsWith('.txt'))).toBe(true);
  });

  it('refuses what is not a message, and writes nothing', async () => {
    const before = fs.readdirSync(dir).length;
    const cases = [
      { to: '5550001111', body: 'no country code' },
      { to: '+1 555 000 1111', body: 'not normalised' },
      { to: '+15550001111', body: '   ' },
      { to: '+15550001111', body: 'x'.repeat(1601) },
    ];
    for (const msg of cases) {
      const e = await refusal(sender.send(msg));
      expect(e.reason).toBe('invalidMessage');
      expect(e.message).not.toContain('555');
    }
    expect(fs.readdirSync(dir)).toHaveLength(before);
  });

  it('fails clearly when the outbox cannot be written, and works again once it can', async () => {
    const blocked = path.join(path.dirname(dir), 'blocked');
    fs.writeFileSync(blocked, 'a file where the directory should be');
    const stuck = createSmsSender({ outboxDir: blocked });
    const e = await refusal(stuck.send({ to: '+15550001111', body: 'hello' }));
    expect(e.reason).toBe('failed');
    expect(e.message).toMatch(/could not be written to the outbox/);
    fs.rmSync(blocked);
    const sent = await stuck.send({ to: '+15550001111', body: 'hello' });
    expect(fs.readFileSync(sent.file!, 'utf8')).toContain('\n\nhello\n');
  });
});

describe('SMS_URL', () => {
  it('reads twilio:// (HTTPS) and twilio+http:// (a local stand-in) with a sender', () => {
    expect(parseSmsUrl('twilio://AC123:tok%2Fen@api.twilio.com?from=%2B15550001111')).toEqual({
      baseUrl: 'https://api.twilio.com',
      accountSid: 'AC123',
      authToken: 'tok/en',
      sender: { from: '+15550001111' },
    });
    expect(parseSmsUrl('twilio+http://AC123:tok@127.0.0.1:4010/?messagingServiceSid=MG42')).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      accountSid: 'AC123',
      authToken: 'tok',
      sender: { messagingServiceSid: 'MG42' },
    });
    expect(parseSmsUrl('twilio://AC123:tok@api.twilio.com?from=Vouch').sender).toEqual({ from: 'Vouch' });
  });

  it('refuses a wrong URL with a sentence that names the fix and never the auth token', () => {
    const cases: [string, RegExp][] = [
      ['https://AC1:s3cr3t-token@api.twilio.com?from=%2B15550001111', /must start with twilio:\/\//],
      ['twilio://api.twilio.com?from=%2B15550001111', /account SID and auth token/],
      ['twilio://AC1:s3cr3t-token@api.twilio.com', /exactly one of \?from= or \?messagingServiceSid=/],
      ['twilio://AC1:s3cr3t-token@api.twilio.com?from=%2B1555&messagingServiceSid=MG1', /exactly one/],
      ['twilio://AC1:s3cr3t-token@api.twilio.com?from=+15550001111', /write \+ as %2B/],
      ['twilio://AC1:s3cr3t-token@api.twilio.com/2010-04-01?from=%2B15550001111', /no path/],
      ['twilio://AC1:s3cr3t-token@api.twilio.com?from=%2B15550001111&to=x', /unknown option 'to'/],
      ['not a url s3cr3t-token', /not a URL/],
    ];
    for (const [url, problem] of cases) {
      let message = '';
      try {
        parseSmsUrl(url);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, url).toMatch(problem);
      expect(message).not.toContain('s3cr3t-token');
    }
  });

  it('is read by the configuration, which reports a wrong one without the token', () => {
    expect(loadConfig({ SMS_URL: 'twilio://AC1:tok@api.twilio.com?from=%2B15550001111' }).smsUrl).toBe(
      'twilio://AC1:tok@api.twilio.com?from=%2B15550001111',
    );
    expect(loadConfig({})).toMatchObject({
      smsUrl: undefined,
      smsTimeoutMs: 10000,
      smsLinksPerNumberPerDay: 3,
      smsLinksPerProgramPerDay: 1000,
    });
    let problems: string[] = [];
    try {
      loadConfig({ SMS_URL: 'twilio://AC1:s3cr3t-token@api.twilio.com', SMS_LINKS_PER_NUMBER_PER_DAY: '0' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SMS_URL must name the sender .*; unset it to write text messages to DATA_DIR\/outbox-sms$/);
    expect(problems.join('\n')).not.toContain('s3cr3t-token');
    expect(problems[1]).toMatch(/^SMS_LINKS_PER_NUMBER_PER_DAY must be a whole number, 1 or more/);
  });
});

interface Got {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

/** A stand-in for Twilio's API on loopback: records each request and answers as `answer` says (`hang`: never). */
async function fakeTwilio() {
  const got: Got[] = [];
  let answer: (g: Got) => { status: number; json?: unknown; headers?: Record<string, string> } | 'hang' = () => ({
    status: 201,
    json: { sid: `SM${'0'.repeat(31)}${got.length}`, status: 'queued' },
  });
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const g = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      got.push(g);
      const a = answer(g);
      if (a === 'hang') return void hanging.add(res);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.json === undefined ? '' : JSON.stringify(a.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    got,
    port: (server.address() as AddressInfo).port,
    answer: (a: typeof answer) => {
      answer = a;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the Twilio SMS sender, against a stand-in over real HTTP', () => {
  let twilio: Awaited<ReturnType<typeof fakeTwilio>>;
  const TOKEN = 'auth-token-s3cr3t';
  const url = (query = 'from=%2B15550009999') => `twilio+http://AC0123456789abcdef:${TOKEN}@127.0.0.1:${twilio.port}?${query}`;
  beforeAll(async () => {
    twilio = await fakeTwilio();
  });
  afterAll(() => twilio.close());

  it("posts To, From and Body form-encoded to the account's Messages.json with basic auth, and returns the sid", async () => {
    const sender = createSmsSender({ smsUrl: url(), outboxDir: '/nonexistent' });
    const body = 'Vérifiez ici : https://verify.example.com/form/abc?externalUserId=a%26b & more';
    const sent = await sender.send({ to: '+15550001111', body });
    expect(sent.id).toMatch(/^SM0+1$/);
    expect(sent.file).toBeUndefined();
    const g = twilio.got.at(-1)!;
    expect(g.method).toBe('POST');
    expect(g.url).toBe('/2010-04-01/Accounts/AC0123456789abcdef/Messages.json');
    expect(g.headers.authorization).toBe(`Basic ${Buffer.from(`AC0123456789abcdef:${TOKEN}`).toString('base64')}`);
    expect(g.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(g.form)).toEqual({ To: '+15550001111', From: '+15550009999', Body: body });
  });

  it('names a Messaging Service instead of a number when the URL does', async () => {
    const sender = createSmsSender({ smsUrl: url('messagingServiceSid=MG0042'), outboxDir: '/nonexistent' });
    await sender.send({ to: '+15550001111', body: 'hello' });
    expect(Object.fromEntries(twilio.got.at(-1)!.form)).toEqual({ To: '+15550001111', MessagingServiceSid: 'MG0042', Body: 'hello' });
  });

  it("turns Twilio's error answers into clear errors that hold neither the token nor the number", async () => {
    const sender = createSmsSender({ smsUrl: url(), outboxDir: '/nonexistent' });
    twilio.answer(() => ({
      status: 400,
      json: { code: 21211, message: "The 'To' number +1 555 000 1111 is not a valid phone number.", more_info: 'x', status: 400 },
    }));
    let e = await refusal(sender.send({ to: '+15550001111', body: 'hello' }));
    expect(e.reason).toBe('recipientRefused');
    expect(e.message).toMatch(
      /^Twilio refused the message \(HTTP 400, error 21211\): The 'To' number \[number\] is not a valid phone number\.$/,
    );

    twilio.answer(() => ({ status: 401, json: { code: 20003, message: 'Authenticate', status: 401 } }));
    e = await refusal(sender.send({ to: '+15550001111', body: 'hello' }));
    expect(e.reason).toBe('failed');
    expect(e.message).toBe('Twilio refused the message (HTTP 401, error 20003): Authenticate');

    twilio.answer(() => ({ status: 503 }));
    e = await refusal(sender.send({ to: '+15550001111', body: 'hello' }));
    expect(e.message).toBe('Twilio refused the message (HTTP 503)');

    twilio.answer(() => ({ status: 201, json: { status: 'queued' } }));
    e = await refusal(sender.send({ to: '+15550001111', body: 'hello' }));
    expect(e.message).toBe('Twilio answered 201 without a message sid');

    // A redirect is not followed: the credentials go to the configured host only.
    twilio.answer(() => ({ status: 307, headers: { location: 'http://127.0.0.1:1/elsewhere' } }));
    e = await refusal(sender.send({ to: '+15550001111', body: 'hello' }));
    expect(e.reason).toBe('failed');

    const all = twilio.got.map((g) => g.url).join();
    expect(all).not.toContain('elsewhere');
    twilio.answer(() => ({ status: 201, json: { sid: 'SM1' } }));
  });

  it('refuses a message that is not one before any request', async () => {
    const sender = createSmsSender({ smsUrl: url(), outboxDir: '/nonexistent' });
    const before = twilio.got.length;
    const e = await refusal(sender.send({ to: '555-000-1111', body: 'hello' }));
    expect(e.reason).toBe('invalidMessage');
    expect(twilio.got).toHaveLength(before);
  });

  it('gives up on a silent or absent server within its timeout', async () => {
    twilio.answer(() => 'hang');
    const silent = createSmsSender({ smsUrl: url(), outboxDir: '/nonexistent', timeoutMs: 150 });
    let e = await refusal(silent.send({ to: '+15550001111', body: 'hello' }));
    expect(e).toMatchObject({ reason: 'failed', message: 'Twilio did not answer within 150 ms' });
    twilio.answer(() => ({ status: 201, json: { sid: 'SM1' } }));

    const closed = await freePort();
    const absent = createSmsSender({ smsUrl: `twilio+http://AC1:${TOKEN}@127.0.0.1:${closed}?from=%2B15550009999`, outboxDir: '/x' });
    e = await refusal(absent.send({ to: '+15550001111', body: 'hello' }));
    expect(e.reason).toBe('failed');
    expect(e.message).toMatch(/^Twilio could not be reached \(ECONNREFUSED\)$/);
    expect(e.message).not.toContain(TOKEN);
  });
});
