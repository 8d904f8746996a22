import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_COLUMNS } from '../../src/modules/eligibility-reports/domain/columns.ts';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { oneRoleTokens } from '../support/role-tokens.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

/**
 * What integrators read and report around verifications besides the person's flow: conversions
 * (SheerID §2.7), the fields a report can hold (§2.6) and the search of an account's verifications (§2.2).
 * Each route: its answer's shape, who may call it, another account's ids answered as unknown ones, and
 * bad input refused in the dialect's shape.
 */

const t = useTestApp();
let B: Demo;
/** Tokens of the demo account holding one role each. */
let tokens: { verifier: string; reviewer: string; reporter: string };
const UNKNOWN = 'a'.repeat(24);

beforeAll(async () => {
  B = await t.app.bootstrap();
  tokens = await oneRoleTokens(t.app.url, t.demo.token, ['VERIFIER', 'REVIEWER', 'REPORTER']);
});

const url = (path: string) => `${t.app.url}/rest/v2${path}`;

async function succeeded(extra: Record<string, unknown> = {}, programId = t.demo.programs.student) {
  const created = await api(url('/verification'), { body: { programId, ...extra } });
  expect(created.status, created.text).toBe(200);
  const done = await api(created.json.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
  expect(done.json.currentStep).toBe('success');
  return done.json;
}

/** The demo account's report of the last day, as rows of cells by column name. */
async function reportRows() {
  const report = await api(url('/report/verification'), { token: t.demo.token, body: { format: 'CSV', verificationModeInclusion: 'ALL' } });
  expect(report.status, report.text).toBe(200);
  const ready = await until(
    () => api(report.json.statusUrl, { token: t.demo.token }),
    (r) => r.json.status === 'COMPLETE',
  );
  const download = await fetch(ready.json.retrievalUrl, { headers: { authorization: `Bearer ${t.demo.token}` } });
  const lines = (await download.text()).trimEnd().split('\n');
  const cells = (line: string) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const header = cells(lines[0]);
  return lines.slice(1).map((l) => {
    const row = cells(l);
    return Object.fromEntries(header.map((h, i) => [h, row[i]]));
  });
}

describe(`conversions (${TEST_STORE})`, () => {
  it('records conversions by verification id and by tracking id, with the defaults, and shows them in the report', async () => {
    const v = await succeeded({ trackingId: 'shopper-1' });
    const first = await api(url(`/conversion/verification/${v.verificationId}`), { method: 'POST' });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const second = await api(url(`/conversion/verification/${v.verificationId}`), {
      body: { amount: 19.5, currency: 'USD', tags: ['annual'] },
    });
    expect(second.status, second.text).toBe(200);
    expect(second.json.id).not.toBe(first.json.id);

    // By tracking id: the account's latest verification carrying it.
    const older = await succeeded({ trackingId: 'shopper-2' });
    const latest = await succeeded({ trackingId: 'shopper-2' });
    const byTracking = await api(url(`/conversion/account/${t.demo.accountId}/trackingId/shopper-2`), {
      body: { amount: 5, currency: 'EUR' },
    });
    expect(byTracking.status, byTracking.text).toBe(200);
    expect(byTracking.json).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    // A token of the account is accepted too.
    const withToken = await api(url(`/conversion/account/${t.demo.accountId}/trackingId/shopper-2`), {
      token: t.demo.token,
      body: { amount: 2 },
    });
    expect(withToken.status, withToken.text).toBe(200);

    const rows = await reportRows();
    expect(Object.keys(rows[0])).toEqual([...FIXED_COLUMNS, ...Object.keys(rows[0]).slice(FIXED_COLUMNS.length)]);
    const row = (id: string) => rows.find((r) => r['Request ID'] === id)!;
    expect(row(v.verificationId)).toMatchObject({ amount: '20.5', currency: 'USD' });
    expect(row(latest.verificationId)).toMatchObject({ amount: '5;2', currency: 'EUR;USD' });
    expect(row(older.verificationId)).toMatchObject({ amount: '', currency: '' });
  });

  it('refuses a bad body naming the verification, and records nothing', async () => {
    const v = await succeeded();
    for (const [body, message] of [
      [{ amount: -1 }, "Property 'amount' must be a number of at least 0"],
      [{ amount: '10' }, "Property 'amount' must be a number of at least 0"],
      [{ currency: 'usd' }, "Property 'currency' must be an ISO-4217 code such as USD"],
      [{ tags: 'x' }, "Property 'tags' must be an array of strings"],
      [{ tags: [1] }, null],
      [{ amount: 1, price: 2 }, "Unexpected property 'price', expected one of: amount, currency, tags"],
      [[1], null],
    ] as const) {
      const r = await api(url(`/conversion/verification/${v.verificationId}`), { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectShape(ERROR_RESPONSE, r.json);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'], verificationId: v.verificationId });
      if (message) expect(r.json.systemErrorMessage).toBe(message);
    }
    const bad = await api(url(`/conversion/account/${t.demo.accountId}/trackingId/none`), { body: { amount: -1 } });
    expect(bad.status).toBe(404);
    const rows = await reportRows();
    expect(rows.find((r) => r['Request ID'] === v.verificationId)).toMatchObject({ amount: '', currency: '' });
  });

  it("answers another account's verification, account and tracking id as unknown ones", async () => {
    const v = await succeeded({ trackingId: 'mine' });
    const unknownVerification = await api(url(`/conversion/verification/${UNKNOWN}`), { method: 'POST' });
    expect(unknownVerification.status).toBe(404);
    expect(unknownVerification.json).toMatchObject({ currentStep: 'error', errorIds: ['noVerification'], verificationId: null });
    const foreign = await api(url(`/conversion/verification/${v.verificationId}`), { method: 'POST', token: B.token });
    expect(foreign.status, foreign.text).toBe(404);
    expect(foreign.text.replaceAll(v.verificationId, '<id>')).toBe(unknownVerification.text.replaceAll(UNKNOWN, '<id>'));

    const notFound = { currentStep: 'error', errorIds: ['noVerification'], systemErrorMessage: 'Account or trackingId not found' };
    for (const [path, token] of [
      [`/conversion/account/${t.demo.accountId}/trackingId/nobody`, undefined],
      [`/conversion/account/${UNKNOWN}/trackingId/mine`, undefined],
      [`/conversion/account/not-an-account/trackingId/mine`, undefined],
      [`/conversion/account/${t.demo.accountId}/trackingId/mine`, B.token],
      [`/conversion/account/${B.accountId}/trackingId/mine`, undefined],
    ] as const) {
      const r = await api(url(path), { method: 'POST', token });
      expect(r.status, path).toBe(404);
      expect(r.json).toMatchObject(notFound);
    }
  });
});

describe(`report fields (${TEST_STORE})`, () => {
  const fields = (query = '', token = tokens.reporter) => api(url(`/report/fields${query}`), { token });

  it("lists the report's columns by scope, and the metadata keys of the account's own verifications", async () => {
    await succeeded({ metadata: { campaign: 'spring', refererUrl: 'https://shop.example.com' } });
    const other = await api(url('/verification'), { body: { programId: B.programs.student, metadata: { otherAccountKey: 'x' } } });
    expect(other.status, other.text).toBe(200);

    const r = await fields();
    expect(r.status, r.text).toBe(200);
    expect(r.json.map((s: { scope: string }) => s.scope)).toEqual(['STANDARD', 'PII', 'METADATA']);
    const [standard, pii, metadata] = r.json;
    const headings = (s: { fields: { columnHeading: string }[] }) => s.fields.map((f) => f.columnHeading);
    expect([...headings(standard), ...headings(pii)].sort()).toEqual([...FIXED_COLUMNS].sort());
    expect(headings(standard)).toEqual(expect.arrayContaining(['Request ID', 'Result', 'Program Name', 'amount', 'currency']));
    expect(headings(pii)).toEqual(expect.arrayContaining(['EMAIL', 'FIRST_NAME', 'BIRTH_DATE']));
    expect(headings(pii)).not.toContain('Result');
    expect(standard.fields[0]).toEqual({ name: 'Request ID', columnHeading: 'Request ID', description: 'The verification id' });
    expect(headings(metadata)).toEqual(expect.arrayContaining(['campaign', 'refererUrl']));
    expect(headings(metadata)).not.toContain('otherAccountKey');

    // Narrowed to one program: another program of the account has no metadata keys of its own here.
    const narrowed = await fields(`?programIds=${t.demo.programs.student}`);
    expect(narrowed.status, narrowed.text).toBe(200);
    expect(headings(narrowed.json[2])).toEqual(expect.arrayContaining(['campaign']));
    const emptyProgram = Object.values(t.demo.programs).find((p) => p !== t.demo.programs.student) as string;
    const none = await fields(`?programIds=${emptyProgram}`);
    expect(none.status, none.text).toBe(200);
    expect(headings(none.json[2])).not.toContain('campaign');
  });

  it('refuses bad input, no token, other roles, and answers another account’s program as unknown', async () => {
    for (const q of ['?programIds=nope', '?programIds=', `?programIds=${t.demo.programs.student},x`, '?other=1']) {
      const r = await fields(q);
      expect(r.status, q).toBe(400);
      expect(r.json, q).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
    }
    expect((await fields('?other=1')).json.systemErrorMessage).toBe("Unexpected query parameter 'other', expected one of: programIds");

    const anonymous = await api(url('/report/fields'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ errorIds: ['invalidApiToken'] });
    const verifier = await fields('', tokens.verifier);
    expect(verifier.status).toBe(403);
    expect(verifier.json).toMatchObject({ errorIds: ['unauthorizedRequest'] });

    const foreign = await fields(`?programIds=${B.programs.student}`);
    const unknown = await fields(`?programIds=${UNKNOWN}`);
    expect(foreign.status, foreign.text).toBe(404);
    expect(foreign.json).toMatchObject({ errorIds: ['noProgram'] });
    expect(foreign.text.replaceAll(B.programs.student, '<id>')).toBe(unknown.text.replaceAll(UNKNOWN, '<id>'));
  });
});

describe(`verification search (${TEST_STORE})`, () => {
  const search = (body: unknown, token = tokens.verifier, query = '') => api(url(`/verification/search${query}`), { token, body });
  const ids = (r: Awaited<ReturnType<typeof search>>) => r.json.results.map((v: { verificationId: string }) => v.verificationId);

  /** A verification of `programId` for a person of the given name, email and phone, ended in success. */
  async function person(first: string, last: string, email: string, phoneNumber: string, programId = t.demo.programs.student) {
    const created = await api(url('/verification'), { body: { programId } });
    const done = await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: first, lastName: last, email, phoneNumber },
    });
    expect(done.json.currentStep, done.text).toBe('success');
    return done.json.verificationId as string;
  }

  it('finds the account’s verifications by person, id, program, step and creation time, newest first, paged', async () => {
    const ann1 = await person('Searchann', 'Lookup', 'search.ann@example.edu', '+1 604 555 0111');
    const ann2 = await person('SEARCHANN', 'Lookup', 'Search.Ann@Example.edu', '604-555-0111');
    const bob = await person('Searchbob', 'Lookup', 'search.bob@example.edu', '+1 604 555 0122');
    const started = await api(url('/verification'), { body: { programId: t.demo.programs.student } });
    // The same person in another account is never found.
    const other = await api(url('/verification'), { body: { programId: B.programs.student } });
    await api(other.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'Searchann', lastName: 'Lookup', email: 'search.ann@example.edu' },
    });

    const byEmail = await search({ search: { email: 'SEARCH.ANN@example.edu' } });
    expect(byEmail.status, byEmail.text).toBe(200);
    expect(Object.keys(byEmail.json)).toEqual(['results']);
    expect(ids(byEmail)).toEqual([ann2, ann1]);
    expect(byEmail.json.results[0]).toMatchObject({ verificationId: ann2, currentStep: 'success', segment: 'student' });

    expect(ids(await search({ search: { name: { first: 'searchann', last: 'lookup' } } }))).toEqual([ann2, ann1]);
    expect(ids(await search({ search: { name: { last: 'Lookup' } } }))).toEqual([bob, ann2, ann1]);
    expect(ids(await search({ search: { phoneNumber: '(604) 555-0122' } }))).toEqual([bob]);
    expect(ids(await search({ search: { verificationId: ann1 } }, tokens.reviewer))).toEqual([ann1]);
    expect(ids(await search({ search: { verificationId: other.json.verificationId } }))).toEqual([]);
    expect(ids(await search({ search: { email: 'search.ann@example.edu' }, filter: { steps: ['docUpload'] } }))).toEqual([]);
    const open = await search({ filter: { steps: [started.json.currentStep], programId: t.demo.programs.student } });
    expect(ids(open)).toContain(started.json.verificationId);
    expect(ids(open)).not.toContain(ann1);
    expect(ids(await search({ search: { name: { last: 'Lookup' } }, filter: { created: { gte: Date.now() + 86_400_000 } } }))).toEqual([]);
    expect(ids(await search({ search: { name: { last: 'Lookup' } }, filter: { created: { lte: 0 } } }))).toEqual([]);
    expect(ids(await search({ search: { name: { last: 'Lookup' } }, filter: { created: { gte: 0, lte: Date.now() + 60_000 } } }))).toEqual([
      bob,
      ann2,
      ann1,
    ]);

    const page1 = await search({ search: { name: { last: 'Lookup' } } }, tokens.verifier, '?limit=2');
    const page2 = await search({ search: { name: { last: 'Lookup' } } }, tokens.verifier, '?limit=2&offset=2');
    expect([...ids(page1), ...ids(page2)]).toEqual([bob, ann2, ann1]);
  });

  it('refuses bad input, no token, other roles, and answers another account’s program as unknown', async () => {
    for (const [body, message] of [
      [{ search: { email: 1 } }, "Property 'search.email' must be a string of at most 320 characters"],
      [
        { search: { mail: 'x' } },
        "Unexpected property 'search.mail', expected one of: email, name, externalUserId, phoneNumber, verificationId",
      ],
      [{ search: { name: { middle: 'x' } } }, "Unexpected property 'search.name.middle', expected one of: first, last"],
      [{ filter: { steps: ['flying'] } }, "Property 'filter.steps' must list steps such as success or docUpload"],
      [{ filter: { created: { gte: '2024-01-01' } } }, "Property 'filter.created.gte' must be a time in epoch milliseconds"],
      [{ filter: { programId: 'x' } }, "Property 'filter.programId' must be an id of 24 hexadecimal characters"],
      [{ query: 'x' }, "Unexpected property 'query', expected one of: search, filter"],
      [[], null],
    ] as const) {
      const r = await search(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
      if (message) expect(r.json.systemErrorMessage).toBe(message);
    }
    for (const q of ['?limit=0', '?limit=101', '?offset=-1', '?limit=x', '?page=2']) {
      const r = await search({}, tokens.verifier, q);
      expect(r.status, q).toBe(400);
      expect(r.json, q).toMatchObject({ errorIds: ['invalidRequest'] });
    }

    const anonymous = await api(url('/verification/search'), { body: {} });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ errorIds: ['invalidApiToken'] });
    const reporter = await search({}, tokens.reporter);
    expect(reporter.status).toBe(403);
    expect(reporter.json).toMatchObject({ errorIds: ['unauthorizedRequest'] });

    const foreign = await search({ filter: { programId: B.programs.student } });
    const unknown = await search({ filter: { programId: UNKNOWN } });
    expect(foreign.status, foreign.text).toBe(404);
    expect(foreign.json).toMatchObject({ errorIds: ['noProgram'] });
    expect(foreign.text.replaceAll(B.programs.student, '<id>')).toBe(unknown.text.replaceAll(UNKNOWN, '<id>'));
  });
});
