import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * SheerID's `POST /program/{programId}/sendLink` (§2.5): texts the program's hosted form to a phone. The
 * server under test has no SMS_URL, so each text is a file in DATA_DIR/outbox-sms; its caps are small
 * (2 texts per number, 4 per program, per day) so that both can be reached.
 */

const t = useTestApp({ SMS_LINKS_PER_NUMBER_PER_DAY: '2', SMS_LINKS_PER_PROGRAM_PER_DAY: '4' });
const UNKNOWN = 'a'.repeat(24);

const sendLinkOf = (programId: string) => `${t.app.url}/rest/v2/program/${programId}/sendLink`;
const send = (programId: string, body: unknown, token?: string) => api(sendLinkOf(programId), { body, token });
const outboxDir = () => path.join(t.app.running.container.config.dataDir, 'outbox-sms');

/** A US number of the 555 range no other test uses: `+1 555 01x xxxx` as typed, with its E.164 form. */
let numbers = 0;
function freshNumber() {
  const n = String(1000000 + ++numbers * 7919).slice(-7);
  return { typed: `+1 (555) ${n.slice(0, 3)}-${n.slice(3)}`, e164: `+1555${n}`, digits: `555${n}` };
}

interface Texted {
  to: string;
  body: string;
  file: string;
}

/** Every text in the outbox, oldest first. */
function outbox(): Texted[] {
  if (!fs.existsSync(outboxDir())) return [];
  return fs
    .readdirSync(outboxDir())
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => {
      const file = path.join(outboxDir(), name);
      const [head, ...rest] = fs.readFileSync(file, 'utf8').split('\n\n');
      const to = /^To: (.*)$/m.exec(head)?.[1] ?? '';
      return { to, body: rest.join('\n\n').replace(/\n$/, ''), file };
    });
}
const textsTo = (e164: string) => outbox().filter((m) => m.to === e164);

async function createProgram(demo: Demo, extra: Record<string, unknown> = {}) {
  const r = await api(`${t.app.url}/manage/v1/programs`, {
    token: demo.token,
    body: { name: `Texted ${Math.random().toString(36).slice(2, 8)}`, segment: 'student', staticCode: 'X', ...extra },
  });
  expect(r.status, r.text).toBe(201);
  return r.json as { id: string; name: string };
}

function expectRefusal(r: Awaited<ReturnType<typeof api>>, status: number, errorId: string, message?: RegExp) {
  expect(r.status, r.text).toBe(status);
  expectShape(ERROR_RESPONSE, r.json);
  expect(r.json).toMatchObject({ verificationId: null, currentStep: 'error', errorIds: [errorId] });
  if (message) expect(r.json.systemErrorMessage).toMatch(message);
}

describe(`POST /rest/v2/program/{programId}/sendLink: the text (${TEST_STORE})`, () => {
  it('texts the hosted form of the program to the number, normalised to E.164; 204 without a body', async () => {
    const programId = t.demo.programs.student;
    const phone = freshNumber();
    const r = await send(programId, { phoneNumber: phone.typed });
    expect(r.status, r.text).toBe(204);
    expect(r.text).toBe('');
    const [text, ...more] = textsTo(phone.e164);
    expect(more).toEqual([]);
    expect(text.body).toBe(`Verify your eligibility for Demo student program: ${t.app.url}/form/${programId}`);
  });

  it('carries the externalUserId on the link, encoded; an empty one is none', async () => {
    const programId = t.demo.programs.teacher;
    const phone = freshNumber();
    expect((await send(programId, { phoneNumber: phone.e164, externalUserId: 'user 42&next=/x' })).status).toBe(204);
    expect((await send(programId, { phoneNumber: phone.e164, externalUserId: '' })).status).toBe(204);
    const [withId, without] = textsTo(phone.e164);
    const link = new URL(/https?:\/\/\S+/.exec(withId.body)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(`${t.app.url}/form/${programId}`);
    expect([...link.searchParams]).toEqual([['externalUserId', 'user 42&next=/x']]);
    expect(without.body).toMatch(new RegExp(`/form/${programId}$`));
  });

  it("says the program's own text when its messages have sendLink.text", async () => {
    const program = await createProgram(t.demo, {
      name: 'Acme Students',
      messages: { 'en-US': { sendLink: { text: 'Hi! {companyName} checks student status here: {link} (valid today)' } } },
    });
    const phone = freshNumber();
    expect((await send(program.id, { phoneNumber: phone.typed })).status).toBe(204);
    expect(textsTo(phone.e164).map((m) => m.body)).toEqual([
      `Hi! Acme Students checks student status here: ${t.app.url}/form/${program.id} (valid today)`,
    ]);
  });

  it('reaches a program with the caller’s token too, and records the request without the number', async () => {
    const phone = freshNumber();
    const r = await send(t.demo.programs.military, { phoneNumber: phone.typed }, t.demo.token);
    expect(r.status, r.text).toBe(204);
    const { rows } = await sql<Record<string, unknown>>`select * from audit_log where action = 'program.send-link'`.execute(
      t.app.running.container.store.db,
    );
    const mine = rows.filter((row) => row.subject_id === t.demo.programs.military);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ subject_type: 'program', outcome: 204, account_id: t.demo.accountId });
    expect(JSON.stringify(rows)).not.toContain(phone.digits);
  });
});

describe(`sendLink refuses bad input and changes nothing (${TEST_STORE})`, () => {
  it('a phone number that is not one: 400 invalidPhoneNumber, nothing texted', async () => {
    const programId = t.demo.programs.student;
    const before = outbox().length;
    const cases: [unknown, RegExp][] = [
      ['555 000 1111', /start it with \+ and the country code/],
      ['+1 555 000 1111 ext 2', /only digits/],
      ['+0 555 000 1111', /no country code starts with 0/],
      ['+1 23', /7 to 15 digits/],
      ['+1234567890123456', /7 to 15 digits/],
      ['', /it is empty/],
    ];
    for (const [phoneNumber, why] of cases) {
      const r = await send(programId, { phoneNumber });
      expectRefusal(r, 400, 'invalidPhoneNumber', /^Property 'phoneNumber' must be a mobile phone number with its country code/);
      expect(r.json.systemErrorMessage, String(phoneNumber)).toMatch(why);
    }
    expect(outbox()).toHaveLength(before);
  });

  it('a body of the wrong shape: 400 invalidRequest naming the problem', async () => {
    const programId = t.demo.programs.student;
    const before = outbox().length;
    expectRefusal(
      await send(programId, { phoneNumber: '+15550001111', email: 'x@example.com' }),
      400,
      'invalidRequest',
      /^Unexpected property 'email', expected one of: phoneNumber, externalUserId$/,
    );
    expectRefusal(await send(programId, {}), 400, 'invalidRequest', /phoneNumber' is required/);
    expectRefusal(await send(programId, { phoneNumber: 15550001111 }), 400, 'invalidRequest', /phoneNumber' is required/);
    expectRefusal(
      await send(programId, { phoneNumber: '+15550001111', externalUserId: 'x'.repeat(201) }),
      400,
      'invalidRequest',
      /externalUserId/,
    );
    expectRefusal(await send(programId, { phoneNumber: '+15550001111', externalUserId: 'a\nb' }), 400, 'invalidRequest', /externalUserId/);
    expectRefusal(await send(programId, [1]), 400, 'invalidRequest', /must be a JSON object/);
    expect(outbox()).toHaveLength(before);
  });

  it('an unknown program, another account’s program with a token, a program not running: as the program routes answer', async () => {
    const phone = freshNumber();
    expectRefusal(
      await send(UNKNOWN, { phoneNumber: phone.typed }),
      404,
      'noProgram',
      new RegExp(`Program with ID '${UNKNOWN}' not found`),
    );
    expectRefusal(await send('not-a-program', { phoneNumber: phone.typed }), 404, 'noProgram');
    const other = await t.app.bootstrap();
    expectRefusal(await send(other.programs.student, { phoneNumber: phone.typed }, t.demo.token), 404, 'noProgram');

    const ended = await createProgram(t.demo, { endDate: '2020-01-01T00:00:00Z' });
    expectRefusal(await send(ended.id, { phoneNumber: phone.typed }), 403, 'expiredProgram');
    const later = await createProgram(t.demo, { startDate: '2999-01-01T00:00:00Z' });
    expectRefusal(await send(later.id, { phoneNumber: phone.typed }), 403, 'inactiveProgram');
    // Checked before the number: an unknown program is not a way to test numbers.
    expectRefusal(await send(UNKNOWN, { phoneNumber: 'nonsense' }), 404, 'noProgram');
    expect(textsTo(phone.e164)).toEqual([]);
  });
});

describe(`sendLink's daily caps (${TEST_STORE})`, () => {
  it('per number, whatever the program: the third text of the day is 429, others still go', async () => {
    const phone = freshNumber();
    expect((await send(t.demo.programs.student, { phoneNumber: phone.typed })).status).toBe(204);
    expect((await send(t.demo.programs.teacher, { phoneNumber: phone.e164 })).status).toBe(204);
    const third = await send(t.demo.programs.senior, { phoneNumber: phone.typed });
    expectRefusal(third, 429, 'apiRateLimitExceeded', /^This phone number has been sent the most program links allowed in a day \(2\)/);
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(86400);
    expect(third.json.systemErrorMessage).not.toContain(phone.digits);
    expect(textsTo(phone.e164)).toHaveLength(2);
    // The same number typed another way is the same number.
    expectRefusal(await send(t.demo.programs.student, { phoneNumber: `00${phone.e164.slice(1)}` }), 429, 'apiRateLimitExceeded');
    expect((await send(t.demo.programs.senior, { phoneNumber: freshNumber().typed })).status).toBe(204);
  });

  it('per program, whatever the number: the fifth text of the day is 429 and counts nothing for its number', async () => {
    const program = await createProgram(t.demo);
    for (let i = 0; i < 4; i++) expect((await send(program.id, { phoneNumber: freshNumber().typed })).status).toBe(204);
    const phone = freshNumber();
    expectRefusal(
      await send(program.id, { phoneNumber: phone.typed }),
      429,
      'apiRateLimitExceeded',
      /^This program has sent the most links by text message allowed in a day \(4\)/,
    );
    expect(textsTo(phone.e164)).toEqual([]);
    // The refused text took nothing from the number: it still receives its two of the day.
    expect((await send(t.demo.programs.student, { phoneNumber: phone.typed })).status).toBe(204);
    expect((await send(t.demo.programs.teacher, { phoneNumber: phone.typed })).status).toBe(204);
    expect(textsTo(phone.e164)).toHaveLength(2);
  });

  it('keeps the counts under a keyed digest of the number, never the number', async () => {
    const phone = freshNumber();
    expect((await send(t.demo.programs.student, { phoneNumber: phone.typed })).status).toBe(204);
    const { rows } = await sql<{ scope: string; key: string; day: string; count: number }>`
      select scope, key, day, count from send_link_counts`.execute(t.app.running.container.store.db);
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    for (const n of [phone.digits, phone.e164, phone.digits.slice(-7)]) expect(stored).not.toContain(n);
    const today = new Date().toISOString().slice(0, 10);
    for (const row of rows.filter((r) => r.scope === 'number')) {
      expect(row.key).toMatch(/^[0-9a-f]{64}$/);
      expect(row.day).toBe(today);
    }
    expect(rows.find((r) => r.scope === 'program' && r.key === t.demo.programs.student)?.count).toBeGreaterThan(0);
  });

  it("drops past days' counters in its sweep, keeping today's", async () => {
    const db = t.app.running.container.store.db;
    const program = await createProgram(t.demo);
    expect((await send(program.id, { phoneNumber: freshNumber().typed })).status).toBe(204);
    await sql`insert into send_link_counts (scope, key, day, count) values ('program', 'old-program', '2020-01-01', 5)`.execute(db);
    const sweep = t.app.running.container.modules.find((m) => m.name === 'program-links')?.sweeps?.[0];
    expect(sweep?.what).toBe('sendLink counter expiry');
    await sweep!.run();
    const { rows } = await sql<{ key: string; day: string }>`select key, day from send_link_counts`.execute(db);
    expect(rows.map((r) => r.key)).not.toContain('old-program');
    expect(rows.map((r) => r.key)).toContain(program.id);
  });

  it('a retry with the same Idempotency-Key and token is answered again without a second text', async () => {
    const phone = freshNumber();
    const program = await createProgram(t.demo);
    const once = () =>
      api(sendLinkOf(program.id), {
        body: { phoneNumber: phone.typed },
        token: t.demo.token,
        headers: { 'idempotency-key': `send-${phone.digits}` },
      });
    expect((await once()).status).toBe(204);
    expect((await once()).status).toBe(204);
    expect(textsTo(phone.e164)).toHaveLength(1);
  });

  it('a text that could not be sent answers 502 and counts nothing', async () => {
    const dir = outboxDir();
    const aside = `${dir}.aside`;
    const phone = freshNumber();
    const program = await createProgram(t.demo);
    fs.renameSync(dir, aside);
    fs.writeFileSync(dir, 'not a directory');
    try {
      for (let i = 0; i < 3; i++)
        expectRefusal(await send(program.id, { phoneNumber: phone.typed }), 502, 'internalServerError', /could not be sent/);
    } finally {
      fs.rmSync(dir);
      fs.renameSync(aside, dir);
    }
    // Neither the number nor the program lost any of its day.
    expect((await send(program.id, { phoneNumber: phone.typed })).status).toBe(204);
    expect((await send(program.id, { phoneNumber: phone.typed })).status).toBe(204);
    expect(textsTo(phone.e164)).toHaveLength(2);
    for (let i = 0; i < 2; i++) expect((await send(program.id, { phoneNumber: freshNumber().typed })).status).toBe(204);
    expectRefusal(await send(program.id, { phoneNumber: freshNumber().typed }), 429, 'apiRateLimitExceeded');
  });
});
