import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Demo, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * The defenses against scripted abuse, on live programs: disposable email domains refused on the person
 * step, and the velocity limits (per person, email address, device and day; per IP address and hour).
 * A refused person step ends the verification in `error` (the rule named only in the audit log); a refused start or step is
 * answered 429 and changes nothing. Every refusal is in the account's audit log with the rule that refused.
 */

const t = {} as { app: TestApp; demo: Demo };
const rest = (path: string) => `${t.app.url}/rest/v2${path}`;
// An organization outside the directory: a live program asks such a person for documents.
const randy = { ...VALID_BODIES.collectStudentPersonalInfo, organization: { id: 0, name: 'Night School' } };
let ipSeq = 0;
/** A client address of its own (the server trusts X-Forwarded-For from loopback): tests do not share IP counters. */
const freshIp = () => `198.51.100.${++ipSeq}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

beforeAll(async () => {
  t.app = await startTestApp({ TRUST_PROXY: 'loopback' });
  t.demo = await t.app.bootstrap();
});
afterAll(async () => {
  await t.app?.close();
});

/** A live student program of the demo account with these abuse settings. */
async function liveProgram(abuse: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api(`${t.app.url}/manage/v1/programs`, {
    token: t.demo.token,
    body: {
      name: `Abuse ${Math.random().toString(36).slice(2, 8)}`,
      segment: 'student',
      testMode: false,
      offerType: 'noCode',
      openOrgSearchEnabled: true,
      ...(abuse ? { abuse } : {}),
      ...extra,
    },
  });
  expect(r.status, r.text).toBe(201);
  return r.json.id;
}

async function start(programId: string, ip: string) {
  const r = await api(rest('/verification'), { body: { programId }, headers: from(ip) });
  expect(r.status, r.text).toBe(200);
  return r.json as { verificationId: string; currentStep: string; submissionUrl: string };
}

/** Starts a verification and submits the person step (with a fresh IP unless given). */
async function attempt(programId: string, person: Record<string, unknown>, ip = freshIp()) {
  const v = await start(programId, ip);
  const r = await api(v.submissionUrl, { body: { ...randy, ...person }, headers: from(ip) });
  return { v, r };
}

type Entry = {
  action: string;
  route: string;
  actor: { type: string; id: string | null };
  subject: { type: string; id: string } | null;
  outcome: number;
};
async function refusals(subjectId: string): Promise<Entry[]> {
  const r = await api(`${t.app.url}/manage/v1/audit?action=abuse.refused&subjectId=${subjectId}&limit=100`, { token: t.demo.token });
  expect(r.status, r.text).toBe(200);
  return r.json.entries;
}

/** SheerID's sentence for a refusal's errorId: the answer never names the rule that refused. */
const REFUSED: Record<string, string> = {
  verificationLimitExceeded: 'User has exceeded the maximum number of verifications',
  fraudRulesReject: 'The verification was refused by the program’s fraud rules',
};

/** The refused person step's verification: in `error` with the errorId (the details too); the rule only in the audit log. */
async function expectEndedBy(verificationId: string, errorId: string, reason: string) {
  const shown = await api(rest(`/verification/${verificationId}`));
  expect(shown.json).toMatchObject({ currentStep: 'error', errorIds: [errorId], systemErrorMessage: REFUSED[errorId] });
  expect(shown.text).not.toContain(reason);
  const details = await api(rest(`/verification/${verificationId}/details`), { token: t.demo.token });
  expect(details.status, details.text).toBe(200);
  expect(details.json.lastResponse).toMatchObject({ currentStep: 'error', errorIds: [errorId], systemErrorMessage: REFUSED[errorId] });
  const entries = await refusals(verificationId);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ subject: { type: 'verification', id: verificationId }, actor: { type: 'system' } });
  return entries[0];
}

describe(`disposable email domains (${TEST_STORE})`, () => {
  it('ends the person step of a disposable address with fraudRulesReject, subdomains included, and records it', async () => {
    const programId = await liveProgram(undefined);
    for (const email of ['script@mailinator.com', 'Script@EU.Mailinator.COM']) {
      const { v, r } = await attempt(programId, { email });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['fraudRulesReject'] });
      const entry = await expectEndedBy(v.verificationId, 'fraudRulesReject', 'disposable email domain');
      expect(entry.actor.id).toBe('abuse.disposableEmail');
      // Never the address itself.
      expect(JSON.stringify(entry).toLowerCase()).not.toContain('mailinator');
    }
  });

  it('lets an ordinary address through, and a disposable one when the program allows them', async () => {
    const strict = await liveProgram(undefined);
    const ok = await attempt(strict, { email: 'randy@example.com' });
    expect(ok.r.status, ok.r.text).toBe(200);
    expect(ok.r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });

    const lenient = await liveProgram({ refuseDisposableEmails: false });
    const allowed = await attempt(lenient, { email: 'script@mailinator.com' });
    expect(allowed.r.status, allowed.r.text).toBe(200);
    expect(allowed.r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
    expect(await refusals(allowed.v.verificationId)).toEqual([]);
  });
});

describe(`programs stored before the setting existed (${TEST_STORE})`, () => {
  it('are judged by the defaults: a disposable address is refused', async () => {
    const programId = await liveProgram(undefined);
    await sql`update programs set config = config - 'abuse' where id = ${programId}`.execute(t.app.running.container.store.db);
    const { v, r } = await attempt(programId, { email: 'old@mailinator.com' });
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['fraudRulesReject'] });
    await expectEndedBy(v.verificationId, 'fraudRulesReject', 'disposable email domain');
  });
});

describe(`velocity limits (${TEST_STORE})`, () => {
  it('per person per day: the attempt past the limit ends with verificationLimitExceeded', async () => {
    const programId = await liveProgram({ perPersonPerDay: 2, perEmailPerDay: 0 });
    for (const n of [1, 2]) {
      const { r } = await attempt(programId, { email: `p${n}@example.com` });
      expect(r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
    }
    // Same name and birth date, another address and IP: still the same person.
    const { v, r } = await attempt(programId, { email: 'p3@example.com', firstName: 'RANDY' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['verificationLimitExceeded'] });
    const entry = await expectEndedBy(
      v.verificationId,
      'verificationLimitExceeded',
      'more than 2 attempts by this person today on this program',
    );
    expect(entry.actor.id).toBe('abuse.perPersonPerDay');
    // Another person is not held back by it.
    const other = await attempt(programId, { email: 'p4@example.com', firstName: 'Alice', lastName: 'Other' });
    expect(other.r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
  });

  it('per email per day: the same address for different people, past the limit', async () => {
    const programId = await liveProgram({ perEmailPerDay: 1, perPersonPerDay: 0 });
    await attempt(programId, { email: 'shared@example.com', firstName: 'Ann' });
    const { v, r } = await attempt(programId, { email: ' Shared@Example.com ', firstName: 'Bob' });
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['verificationLimitExceeded'] });
    const entry = await expectEndedBy(
      v.verificationId,
      'verificationLimitExceeded',
      'more than 1 attempt with this email address today on this program',
    );
    expect(entry.actor.id).toBe('abuse.perEmailPerDay');
    expect(JSON.stringify(entry)).not.toContain('shared');
  });

  it('per device per day: many people from one device fingerprint end with fraudRulesReject', async () => {
    const programId = await liveProgram({ perDevicePerDay: 2 });
    const device = { deviceFingerprintHash: 'a1b2c3d4e5f6' };
    await attempt(programId, { ...device, firstName: 'Ann', email: 'ann@example.com' });
    await attempt(programId, { ...device, firstName: 'Bob', email: 'bob@example.com' });
    const { v, r } = await attempt(programId, { ...device, firstName: 'Cid', email: 'cid@example.com' });
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['fraudRulesReject'] });
    const entry = await expectEndedBy(v.verificationId, 'fraudRulesReject', 'more than 2 attempts from this device today on this program');
    expect(entry.actor.id).toBe('abuse.perDevicePerDay');
  });

  it('per IP per hour: a start past the limit is answered 429 and stores nothing; another IP goes on', async () => {
    const programId = await liveProgram({ perIpPerHour: 2 });
    const ip = freshIp();
    await start(programId, ip);
    await start(programId, ip);
    const refused = await api(rest('/verification'), { body: { programId, trackingId: 'refused-start' }, headers: from(ip) });
    expect(refused.status, refused.text).toBe(429);
    expectShape(ERROR_RESPONSE, refused.json);
    expect(refused.json.errorIds).toEqual(['verificationLimitExceeded']);
    // Nothing was stored under its tracking id.
    const tracked = await api(rest(`/verification/program/${programId}/trackingId/refused-start`), { token: t.demo.token });
    expect(tracked.status, tracked.text).toBe(404);
    const entries = await refusals(programId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { type: 'system', id: 'abuse.perIpPerHour' },
      subject: { type: 'program', id: programId },
      outcome: 429,
    });
    expect(JSON.stringify(entries[0])).not.toContain(ip);
    await start(programId, freshIp());
  });

  it('per IP per hour: a step past the limit is answered 429 and leaves the verification as it was', async () => {
    const programId = await liveProgram({ perIpPerHour: 1 });
    const v = await start(programId, freshIp());
    const ip = freshIp();
    // A field error answers on the same step: the first submission is counted and changes nothing.
    const first = await api(v.submissionUrl, { body: { ...randy, email: 'not-an-address' }, headers: from(ip) });
    expect(first.status, first.text).toBe(200);
    const shownBefore = await api(rest(`/verification/${v.verificationId}`));
    const refused = await api(v.submissionUrl, { body: randy, headers: from(ip) });
    expect(refused.status, refused.text).toBe(429);
    expect(refused.json).toMatchObject({ verificationId: v.verificationId, errorIds: ['verificationLimitExceeded'] });
    const shownAfter = await api(rest(`/verification/${v.verificationId}`));
    expect(shownAfter.json).toEqual(shownBefore.json);
    expect(shownAfter.json.currentStep).toBe('collectStudentPersonalInfo');
    const entries = await refusals(v.verificationId);
    expect(entries).toEqual([
      expect.objectContaining({ actor: { type: 'system', id: 'abuse.perIpPerHour' }, outcome: 429, route: 'collectStudentPersonalInfo' }),
    ]);

    // The same past documents: the upload step is refused before its body is read, and stays open.
    const other = await start(programId, freshIp());
    const docsIp = freshIp();
    const moved = await api(other.submissionUrl, { body: randy, headers: from(docsIp) });
    expect(moved.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
    const upload = await api(moved.json.submissionUrl, { body: {}, headers: from(docsIp) });
    expect(upload.status, upload.text).toBe(429);
    expectShape(ERROR_RESPONSE, upload.json);
    expect(upload.json.errorIds).toEqual(['verificationLimitExceeded']);
    expect((await api(rest(`/verification/${other.verificationId}`))).json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
    expect((await refusals(other.verificationId)).map((e) => e.route)).toEqual(['docUpload']);
  });

  it('0 means no limit', async () => {
    const programId = await liveProgram({ perPersonPerDay: 0, perEmailPerDay: 0, perIpPerHour: 0 });
    const ip = freshIp();
    for (let n = 0; n < 3; n++) {
      const { r } = await attempt(programId, {}, ip);
      expect(r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
    }
  });

  it('refuses abuse settings out of range when the program is created', async () => {
    for (const abuse of [{ perIpPerHour: -1 }, { perPersonPerDay: 'five' }, { perDayPerCat: 3 }]) {
      const r = await api(`${t.app.url}/manage/v1/programs`, {
        token: t.demo.token,
        body: { name: 'Bad abuse', segment: 'student', testMode: false, offerType: 'noCode', abuse },
      });
      expect(r.status, r.text).toBe(400);
    }
  });
});

describe(`a scripted attack, replayed (${TEST_STORE})`, () => {
  it('blocks each scripted pattern as configured: repeats of one person, a disposable address, a burst of steps', async () => {
    // The defaults: 5 attempts per person and day, 100 per address and hour, disposable addresses refused.
    const programId = await liveProgram(undefined);

    // The same person, 6 times, each from a new address and IP as such scripts rotate them: the 6th is refused.
    const tries = [];
    for (let n = 1; n <= 6; n++) tries.push(await attempt(programId, { email: `randy${n}@example.com` }));
    for (const { r } of tries.slice(0, 5)) expect(r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });
    const sixth = tries[5].v;
    expect(tries[5].r.json).toMatchObject({ currentStep: 'error', errorIds: ['verificationLimitExceeded'] });

    // A disposable address.
    const disposable = await attempt(programId, { email: 'bot@mailinator.com', firstName: 'Bot' });
    expect(disposable.r.json).toMatchObject({ currentStep: 'error', errorIds: ['fraudRulesReject'] });

    // 101 rapid step submissions on one verification from one IP: 100 are answered, the 101st is blocked.
    const v = await start(programId, freshIp());
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 101 }, () => api(v.submissionUrl, { body: { ...randy, email: 'not-an-address' }, headers: from(ip) })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const blocked = burst.filter((r) => r.status === 429);
    expect(blocked).toHaveLength(1);
    expect(blocked[0].json.errorIds).toEqual(['verificationLimitExceeded']);
    // Blocked for the hour: the right body from that IP is refused too, and the verification has not moved.
    expect((await api(v.submissionUrl, { body: randy, headers: from(ip) })).status).toBe(429);
    expect((await api(rest(`/verification/${v.verificationId}`))).json.currentStep).toBe('collectStudentPersonalInfo');

    // Each refusal is in the audit log, with the rule that refused.
    expect((await refusals(sixth.verificationId)).map((e) => e.actor.id)).toEqual(['abuse.perPersonPerDay']);
    expect((await refusals(disposable.v.verificationId)).map((e) => e.actor.id)).toEqual(['abuse.disposableEmail']);
    expect((await refusals(v.verificationId)).map((e) => e.actor.id)).toEqual(['abuse.perIpPerHour', 'abuse.perIpPerHour']);
  });
});

describe(`counters in the store (${TEST_STORE})`, () => {
  it('keeps keyed digests only, and the sweep forgets windows that have ended', async () => {
    const db = t.app.running.container.store.db;
    const programId = await liveProgram(undefined);
    const ip = freshIp();
    await attempt(programId, { email: 'counted@example.com', deviceFingerprintHash: 'device-in-clear' }, ip);
    type Row = { rule: string; key: string; count: number };
    const mine = async () =>
      (await sql<Row>`select rule, key, count from abuse_counters where program_id = ${programId} order by rule`.execute(db)).rows;
    const rows = await mine();
    expect(rows.map((r) => r.rule)).toEqual(['perDevicePerDay', 'perEmailPerDay', 'perIpPerHour', 'perPersonPerDay']);
    // The start and the step, from one address.
    expect(Number(rows.find((r) => r.rule === 'perIpPerHour')?.count)).toBe(2);
    const stored = JSON.stringify(rows);
    for (const clear of [ip, 'counted@example.com', 'device-in-clear']) expect(stored).not.toContain(clear);
    for (const r of rows) expect(r.key).toMatch(/^[0-9a-f]{64}$/);

    await sql`insert into abuse_counters (program_id, rule, key, window_start, expires_at, count)
      values (${programId}, 'perIpPerHour', 'old', '2020-01-01T00:00:00Z', '2020-01-01T01:00:00Z', 7)`.execute(db);
    const sweep = t.app.running.container.modules.find((m) => m.name === 'abuse')?.sweeps?.[0];
    expect(sweep?.what).toBe('abuse counter expiry');
    await sweep!.run();
    expect((await mine()).map((r) => r.key)).toEqual(rows.map((r) => r.key));
  });
});

describe(`test mode (${TEST_STORE})`, () => {
  it('never judges a test program: disposable addresses, repeats and bursts all go through', async () => {
    const r = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: {
        name: 'Abuse test mode',
        segment: 'student',
        testMode: true,
        offerType: 'noCode',
        openOrgSearchEnabled: true,
        abuse: { perPersonPerDay: 1, perIpPerHour: 2 },
      },
    });
    expect(r.status, r.text).toBe(201);
    const programId = r.json.id;
    const ip = freshIp();
    for (let n = 0; n < 3; n++) {
      const v = await start(programId, ip);
      const step = await api(v.submissionUrl, { body: { ...randy, email: 'bot@mailinator.com' }, headers: from(ip) });
      expect(step.status, step.text).toBe(200);
      expect(step.json.currentStep).not.toBe('error');
      expect(step.json.errorIds).not.toContain('fraudRulesReject');
      expect(step.json.errorIds).not.toContain('verificationLimitExceeded');
    }
    expect(await refusals(programId)).toEqual([]);
  });
});
