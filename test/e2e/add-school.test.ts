import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { oneRoleTokens } from '../support/role-tokens.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * SheerID's add-school requests (§2.7): the person's form searches the known organizations by domain or
 * name, then asks for a school it did not find; the requests wait in a review queue of the program's
 * account, and an approval adds the school to the account's organizations, found by the program's search.
 */

// Pinned, so that the day of the daily cap is a fixed one and can be moved on.
const clock = fixedClock(new Date('2026-05-04T10:00:00Z'));
const t = useTestApp({}, { clock });
/** Derived from the domain `stanford.edu` (see test/integration/organizations.test.ts). */
const STANFORD_ID = 5_309_774_945;
const UNKNOWN = '0'.repeat(24);
type Res = Awaited<ReturnType<typeof api>>;

const rest = (path: string) => `${t.app.url}/rest/v2${path}`;
const ADD = () => rest('/organization/addSchool');
const QUEUE = () => rest('/review/addSchool');
const decisionOf = (id: string) => rest(`/review/addSchool/${id}/decision`);

let seq = 0;
const request = (programId: string, extra: Record<string, unknown> = {}) => ({
  firstName: 'Randy',
  lastName: 'Random',
  email: `randy${++seq}@quillmere.example`,
  programId,
  schoolName: 'Quillmere Valley College',
  schoolDomain: 'quillmere-valley.example',
  schoolCountry: 'US',
  ...extra,
});

async function ask(body: unknown, token?: string) {
  const r = await api(ADD(), { body, token });
  expect(r.status, r.text).toBe(204);
  expect(r.text).toBe('');
}

/** The eligibility error step, with its errorId and sentence. */
function refused(r: Res, status: number, errorId: string, message: RegExp | string) {
  expect(r.status, r.text).toBe(status);
  expectShape(ERROR_RESPONSE, r.json);
  expect(r.json).toMatchObject({ currentStep: 'error', errorIds: [errorId] });
  expect(r.json.systemErrorMessage).toMatch(message);
}

async function queue(account: Demo, limit = 200) {
  const r = await api(`${QUEUE()}?limit=${limit}`, { token: account.token });
  expect(r.status, r.text).toBe(200);
  return r.json as { requestId: string; programId: string; created: number; trackingId: string | null; person: any; school: any }[];
}

async function importOrganizations(account: Demo, rows: string[]) {
  const r = await api(`${t.app.url}/manage/v1/organizations/import`, {
    method: 'POST',
    raw: ['name,type,country,domain', ...rows].join('\n'),
    token: account.token,
    headers: { 'content-type': 'text/csv' },
  });
  expect(r.status, r.text).toBe(200);
  return (r.json.organizations as { id: number }[]).map((o) => o.id);
}

async function program(account: Demo, body: Record<string, unknown>) {
  const r = await api(`${t.app.url}/manage/v1/programs`, {
    token: account.token,
    body: { name: `Program ${++seq}`, segment: 'student', staticCode: 'CODE', ...body },
  });
  expect(r.status, r.text).toBe(201);
  return r.json.id as string;
}

const search = (by: 'domain' | 'name', body: unknown, token?: string) => api(rest(`/organization/addSchool/search/${by}`), { body, token });

describe(`POST /rest/v2/organization/addSchool (${TEST_STORE})`, () => {
  it('stores a request for the review queue of the program’s account, oldest first, the person encrypted at rest', async () => {
    const a = await t.app.bootstrap();
    const first = request(a.programs.student, { email: 'Ada.Lovelace@Quillmere.example', trackingId: 'user-7' });
    await ask(first);
    clock.set(new Date(clock.now().getTime() + 60_000));
    await ask(request(a.programs.teacher, { schoolName: '  Hollow   Pines Academy ', schoolDomain: 'WWW.Hollow-Pines.Example.' }));

    const q = await queue(a);
    expect(q).toHaveLength(2);
    expect(q[0]).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{24}$/),
      programId: a.programs.student,
      created: Date.parse('2026-05-04T10:00:00Z'),
      trackingId: 'user-7',
      person: { firstName: 'Randy', lastName: 'Random', email: 'Ada.Lovelace@quillmere.example' },
      school: { name: 'Quillmere Valley College', domain: 'quillmere-valley.example', country: 'US' },
    });
    // Trimmed, spaces folded; the domain in lower case without `www.` and the final dot.
    expect(q[1]).toMatchObject({
      programId: a.programs.teacher,
      created: Date.parse('2026-05-04T10:01:00Z'),
      trackingId: null,
      school: { name: 'Hollow Pines Academy', domain: 'hollow-pines.example', country: 'US' },
    });
    expect((await api(`${QUEUE()}?limit=1`, { token: a.token })).json.map((r: { requestId: string }) => r.requestId)).toEqual([
      q[0].requestId,
    ]);

    // The person's name and email are not in the store as text.
    const rows = await sql<Record<string, unknown>>`select * from add_school_requests where account_id = ${a.accountId}`.execute(
      t.app.running.container.store.db,
    );
    expect(rows.rows).toHaveLength(2);
    const stored = JSON.stringify(rows.rows);
    for (const text of ['Randy', 'Random', 'lovelace', 'Lovelace']) expect(stored).not.toContain(text);

    // Another account sees none of them.
    expect(await queue(await t.app.bootstrap())).toEqual([]);
  });

  it('stores the same email and school for the program once: a repeat answers 204 and changes nothing', async () => {
    const a = await t.app.bootstrap();
    const body = request(a.programs.student, { email: 'same@quillmere.example' });
    await ask(body);
    // The same email (any case) and domain, whatever the name, country or tracking id now say.
    await ask({ ...body, email: 'SAME@quillmere.example', schoolName: 'Quillmere Valley Colege', schoolCountry: 'CA', trackingId: 'x' });
    await ask({ ...body, schoolDomain: 'www.Quillmere-Valley.example' });
    const q = await queue(a);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ trackingId: null, school: { name: 'Quillmere Valley College', country: 'US' } });
    // Another school, another person or another program of the account is another request.
    await ask({ ...body, schoolDomain: 'other-valley.example' });
    await ask({ ...body, email: 'other@quillmere.example' });
    await ask({ ...body, programId: a.programs.teacher });
    expect(await queue(a)).toHaveLength(4);
  });

  it('refuses bad input in the eligibility error shape, each field named, and stores nothing', async () => {
    const a = await t.app.bootstrap();
    const good = request(a.programs.student);
    const cases: [unknown, RegExp][] = [
      [{ ...good, firstName: undefined }, /Property 'firstName' is required/],
      [{ ...good, firstName: '' }, /'firstName'/],
      [{ ...good, firstName: '   ' }, /'firstName'/],
      [{ ...good, firstName: 'x'.repeat(101) }, /'firstName'.*1 to 100/],
      [{ ...good, firstName: 'Ran\ndy' }, /'firstName'.*one line/],
      [{ ...good, firstName: 7 }, /'firstName'/],
      [{ ...good, lastName: undefined }, /Property 'lastName' is required/],
      [{ ...good, lastName: 'x'.repeat(101) }, /'lastName'/],
      [{ ...good, email: undefined }, /Property 'email' is required/],
      [{ ...good, email: 'not-an-email' }, /'email'.*email address/],
      [{ ...good, email: 'a@b' }, /'email'/],
      [{ ...good, email: `${'a'.repeat(250)}@example.edu` }, /'email'/],
      [{ ...good, email: ['a@example.edu'] }, /'email'/],
      [{ ...good, programId: undefined }, /Property 'programId' is required/],
      [{ ...good, programId: 42 }, /'programId'/],
      [{ ...good, programId: 'x'.repeat(101) }, /'programId' must be at most 100/],
      [{ ...good, schoolName: undefined }, /Property 'schoolName' is required/],
      [{ ...good, schoolName: 'x'.repeat(201) }, /'schoolName'.*1 to 200/],
      [{ ...good, schoolName: 'Tab\tCollege' }, /'schoolName'/],
      [{ ...good, schoolDomain: undefined }, /Property 'schoolDomain' is required/],
      [{ ...good, schoolDomain: 'https://quillmere.example/' }, /'schoolDomain'.*domain name/],
      [{ ...good, schoolDomain: 'localhost' }, /'schoolDomain'/],
      [{ ...good, schoolDomain: 'bad_domain.example' }, /'schoolDomain'/],
      [{ ...good, schoolDomain: 'quillmere.example:8080' }, /'schoolDomain'/],
      [{ ...good, schoolDomain: '10.0.0.1' }, /'schoolDomain'/],
      [{ ...good, schoolDomain: `${'a'.repeat(64)}.example` }, /'schoolDomain'/],
      [{ ...good, schoolCountry: undefined }, /Property 'schoolCountry' is required/],
      [{ ...good, schoolCountry: 'us' }, /'schoolCountry'.*ISO 3166/],
      [{ ...good, schoolCountry: 'USA' }, /'schoolCountry'/],
      [{ ...good, schoolCountry: 'ZZ' }, /'schoolCountry'/],
      [{ ...good, trackingId: '' }, /'trackingId'/],
      [{ ...good, trackingId: 'x'.repeat(201) }, /'trackingId'/],
      [{ ...good, trackingId: 5 }, /'trackingId'/],
      [
        { ...good, birthDate: '2000-01-01' },
        /^Unexpected property 'birthDate', expected one of: firstName, lastName, email, programId, schoolName, schoolDomain, schoolCountry, trackingId$/,
      ],
      [[good], /JSON object/],
      ['school', /JSON object/],
    ];
    for (const [body, message] of cases) refused(await api(ADD(), { body }), 400, 'invalidRequest', message);
    refused(await api(ADD(), { raw: '{"firstName":', headers: { 'content-type': 'application/json' } }), 400, 'invalidRequest', /JSON/);

    // Unknown programs, and another account's program with that account's token.
    refused(await api(ADD(), { body: { ...good, programId: UNKNOWN } }), 404, 'noProgram', `Program with ID '${UNKNOWN}' not found`);
    refused(await api(ADD(), { body: { ...good, programId: 'nope' } }), 404, 'noProgram', /not found/);
    const b = await t.app.bootstrap();
    refused(await api(ADD(), { body: good, token: b.token }), 404, 'noProgram', /not found/);

    expect(await queue(a)).toEqual([]);
    expect(await queue(b)).toEqual([]);
  });

  it('takes at most 100 new requests per program and UTC day (429 apiRateLimitExceeded), repeats still 204, the next day again', async () => {
    const a = await t.app.bootstrap();
    const programId = a.programs.student;
    const bodies = Array.from({ length: 100 }, (_, i) => request(programId, { email: `capped${i}@quillmere.example` }));
    for (let i = 0; i < bodies.length; i += 10) await Promise.all(bodies.slice(i, i + 10).map((b) => ask(b)));

    const over = await api(ADD(), { body: request(programId) });
    refused(over, 429, 'apiRateLimitExceeded', `Program with ID '${programId}' has received its 100 add-school requests for today (UTC)`);
    // Until the next UTC midnight.
    expect(Number(over.headers.get('retry-after'))).toBe((Date.parse('2026-05-05T00:00:00Z') - clock.now().getTime()) / 1000);
    // A repeat stores nothing, so the cap does not refuse it; another program of the account has its own count.
    await ask(bodies[0]);
    await ask(request(a.programs.teacher));
    expect((await queue(a)).filter((r) => r.programId === programId)).toHaveLength(100);

    const today = clock.now();
    clock.set(new Date('2026-05-05T00:00:01Z'));
    try {
      await ask(request(programId));
      expect((await queue(a)).filter((r) => r.programId === programId)).toHaveLength(101);
    } finally {
      clock.set(today);
    }
  });
});

describe(`POST /rest/v2/organization/addSchool/search/domain and /search/name (${TEST_STORE})`, () => {
  let a: Demo;
  let ids: { guild: number; college: number; montreal: number };
  beforeAll(async () => {
    a = await t.app.bootstrap();
    const [guild, college, montreal] = await importOrganizations(a, [
      'Quillmere Trade Guild,MEMBERSHIP,US,quillmere.example',
      'Quillmere Upper College,POST_SECONDARY,US,upper.quillmere.example',
      'Quillmere Montreal College,UNIVERSITY,CA,quillmere-montreal.example',
    ]);
    ids = { guild, college, montreal };
  });
  const org = (id: number, name: string, type: string, country: string | null, domain: string | null) => ({
    id,
    name,
    type,
    country,
    domain,
  });
  const stanford = org(STANFORD_ID, 'Stanford University', 'UNIVERSITY', 'US', 'stanford.edu');

  it('finds the organizations of a domain (it or one it lies under) and splits them by what the program accepts', async () => {
    const p = a.programs.student;
    for (const domain of ['stanford.edu', 'STANFORD.EDU', 'www.stanford.edu', 'cs.stanford.edu', 'mail.cs.stanford.edu.']) {
      const r = await search('domain', { programId: p, schoolDomain: domain, schoolCountry: 'US' });
      expect(r.status, r.text).toBe(200);
      expect(r.json, domain).toEqual({ eligible: [stanford], ineligible: [], errorIds: [] });
    }
    // The account's imports: a school the program takes, and under its parent a guild it does not (type).
    expect((await search('domain', { programId: p, schoolDomain: 'upper.quillmere.example', schoolCountry: 'US' })).json).toEqual({
      eligible: [org(ids.college, 'Quillmere Upper College', 'POST_SECONDARY', 'US', 'upper.quillmere.example')],
      ineligible: [org(ids.guild, 'Quillmere Trade Guild', 'MEMBERSHIP', 'US', 'quillmere.example')],
      errorIds: [],
    });
    // A school of a country the program does not serve: known, not eligible; asked in another country, not found.
    expect((await search('domain', { programId: p, schoolDomain: 'quillmere-montreal.example', schoolCountry: 'CA' })).json).toEqual({
      eligible: [],
      ineligible: [org(ids.montreal, 'Quillmere Montreal College', 'UNIVERSITY', 'CA', 'quillmere-montreal.example')],
      errorIds: [],
    });
    expect((await search('domain', { programId: p, schoolDomain: 'mcgill.ca', schoolCountry: 'CA' })).json).toMatchObject({
      eligible: [],
      ineligible: [{ name: 'McGill University', country: 'CA', domain: 'mcgill.ca' }],
    });
    expect((await search('domain', { programId: p, schoolDomain: 'mcgill.ca', schoolCountry: 'US' })).json).toEqual({
      eligible: [],
      ineligible: [],
      errorIds: [],
    });
    // A domain nobody knows; a known domain does not find what lies under it.
    expect((await search('domain', { programId: p, schoolDomain: 'unknown-valley.example', schoolCountry: 'US' })).json).toEqual({
      eligible: [],
      ineligible: [],
      errorIds: [],
    });
    expect((await search('domain', { programId: p, schoolDomain: 'quillmere.example', schoolCountry: 'US' })).json).toEqual({
      eligible: [],
      ineligible: [org(ids.guild, 'Quillmere Trade Guild', 'MEMBERSHIP', 'US', 'quillmere.example')],
      errorIds: [],
    });
    expect(
      (await search('domain', { programId: p, schoolDomain: 'cs.quillmere-montreal.example', schoolCountry: 'CA' })).json.ineligible,
    ).toHaveLength(1);

    // Excluded by the program: ineligible. Another account's imports are never found.
    const excluding = await program(a, { excludedOrganizationIds: [STANFORD_ID], countries: ['US', 'CA'] });
    expect((await search('domain', { programId: excluding, schoolDomain: 'stanford.edu', schoolCountry: 'US' })).json).toEqual({
      eligible: [],
      ineligible: [stanford],
      errorIds: [],
    });
    expect(
      (await search('domain', { programId: excluding, schoolDomain: 'quillmere-montreal.example', schoolCountry: 'CA' })).json.eligible,
    ).toEqual([org(ids.montreal, 'Quillmere Montreal College', 'UNIVERSITY', 'CA', 'quillmere-montreal.example')]);
    const b = await t.app.bootstrap();
    expect(
      (await search('domain', { programId: b.programs.student, schoolDomain: 'upper.quillmere.example', schoolCountry: 'US' })).json,
    ).toEqual({
      eligible: [],
      ineligible: [],
      errorIds: [],
    });
  });

  it('finds the organizations of a name in a country and splits them the same way', async () => {
    const p = a.programs.student;
    const r = await search('name', { programId: p, schoolName: 'quillmere', schoolCountry: 'US' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({
      eligible: [org(ids.college, 'Quillmere Upper College', 'POST_SECONDARY', 'US', 'upper.quillmere.example')],
      ineligible: [org(ids.guild, 'Quillmere Trade Guild', 'MEMBERSHIP', 'US', 'quillmere.example')],
      errorIds: [],
    });
    const st = (await search('name', { programId: p, schoolName: 'Stanford University', schoolCountry: 'US' })).json;
    expect(st.eligible[0]).toEqual(stanford);
    expect(st.ineligible).toEqual([]);
    expect((await search('name', { programId: p, schoolName: 'McGill', schoolCountry: 'CA' })).json).toMatchObject({
      eligible: [],
      ineligible: [{ name: 'McGill University', country: 'CA' }],
    });
    const teacherOnly = await program(a, { segment: 'teacher', orgTypes: ['K12'] });
    const t2 = (await search('name', { programId: teacherOnly, schoolName: 'Stanford University', schoolCountry: 'US' })).json;
    expect(t2.eligible).toEqual([]);
    expect(t2.ineligible[0]).toEqual(stanford);
  });

  it('refuses bad input and unknown programs in the eligibility error shape', async () => {
    const p = a.programs.student;
    const byDomain = { programId: p, schoolDomain: 'stanford.edu', schoolCountry: 'US' };
    const byName = { programId: p, schoolName: 'Stanford', schoolCountry: 'US' };
    for (const [by, body, message] of [
      ['domain', { ...byDomain, schoolDomain: 'not a domain' }, /'schoolDomain'/],
      ['domain', { ...byDomain, schoolDomain: undefined }, /Property 'schoolDomain' is required/],
      ['domain', { ...byDomain, schoolCountry: 'XX' }, /'schoolCountry'/],
      ['domain', { ...byDomain, programId: undefined }, /'programId'/],
      [
        'domain',
        { ...byDomain, schoolName: 'Stanford' },
        /^Unexpected property 'schoolName', expected one of: programId, schoolDomain, schoolCountry$/,
      ],
      ['name', { ...byName, schoolName: '' }, /'schoolName'/],
      ['name', { ...byName, schoolName: 'x'.repeat(201) }, /'schoolName'/],
      ['name', { ...byName, schoolCountry: undefined }, /'schoolCountry'/],
      [
        'name',
        { ...byName, schoolDomain: 'stanford.edu' },
        /^Unexpected property 'schoolDomain', expected one of: programId, schoolName, schoolCountry$/,
      ],
      ['name', [byName], /JSON object/],
    ] as const) {
      refused(await search(by, body), 400, 'invalidRequest', message);
    }
    refused(await search('domain', { ...byDomain, programId: UNKNOWN }), 404, 'noProgram', /not found/);
    refused(await search('name', { ...byName, programId: UNKNOWN }), 404, 'noProgram', /not found/);
    const b = await t.app.bootstrap();
    refused(await search('name', byName, b.token), 404, 'noProgram', /not found/);
  });
});

describe(`the add-school review queue, GET /rest/v2/review/addSchool and POST .../{requestId}/decision (${TEST_STORE})`, () => {
  const formSearch = (programId: string, name: string) =>
    api(`${t.app.url}/rest/organization/search?programId=${programId}&name=${encodeURIComponent(name)}`);
  const programSearch = (programId: string, name: string) =>
    api(rest(`/program/${programId}/organization?name=${encodeURIComponent(name)}`));
  const decide = (id: string, token: string, body: unknown) => api(decisionOf(id), { token, body });

  it('approves a school into the account’s organizations, found by the program’s search; rejects without; decides once', async () => {
    const a = await t.app.bootstrap();
    const p = a.programs.student;
    await ask(request(p, { schoolName: 'Zephyrine Polytechnic', schoolDomain: 'zephyrine.example' }));
    await ask(request(p, { schoolName: 'Zephyrine Polytechnic Institute', schoolDomain: 'zephyrine.example' }));
    await ask(request(p, { schoolName: 'Glimmerdale Academy', schoolDomain: 'glimmerdale.example' }));
    const [approved, again, rejected] = await queue(a);
    expect((await formSearch(p, 'zephyrine')).json).toEqual([]);

    const { reviewer, verifier } = await oneRoleTokens(t.app.url, a.token, ['REVIEWER', 'VERIFIER'] as const);
    const yes = await decide(approved.requestId, reviewer, { decision: 'APPROVE', note: 'Accredited in 2019' });
    expect(yes.status, yes.text).toBe(200);
    expect(yes.json).toEqual({
      requestId: approved.requestId,
      programId: p,
      status: 'APPROVED',
      decided: clock.now().getTime(),
      organization: {
        id: expect.any(Number),
        name: 'Zephyrine Polytechnic',
        type: 'UNIVERSITY',
        country: 'US',
        domain: 'zephyrine.example',
      },
    });
    const orgId = yes.json.organization.id;
    expect(orgId).toBeGreaterThanOrEqual(10_000_000_000);
    const found = { id: orgId, name: 'Zephyrine Polytechnic', country: 'US', type: 'UNIVERSITY' };
    expect((await formSearch(p, 'zephyrine')).json).toEqual([found]);
    expect((await programSearch(p, 'Zephyrine')).json).toEqual([found]);
    // The add-school searches know it now, and the program accepts it.
    expect((await search('domain', { programId: p, schoolDomain: 'zephyrine.example', schoolCountry: 'US' })).json.eligible).toEqual([
      { ...found, domain: 'zephyrine.example' },
    ]);
    // A second request for the same school answers the organization already there.
    const same = await decide(again.requestId, reviewer, { decision: 'APPROVE' });
    expect(same.json.organization).toEqual(yes.json.organization);
    expect((await formSearch(p, 'zephyrine')).json).toHaveLength(1);

    const no = await decide(rejected.requestId, a.token, { decision: 'REJECT', note: 'Not a school' });
    expect(no.status, no.text).toBe(200);
    expect(no.json).toMatchObject({ requestId: rejected.requestId, status: 'REJECTED', organization: null });
    expect((await formSearch(p, 'glimmerdale')).json).toEqual([]);
    expect((await search('name', { programId: p, schoolName: 'Glimmerdale', schoolCountry: 'US' })).json.eligible).toEqual([]);
    expect(await queue(a)).toEqual([]);

    // A decision is final, whichever comes second.
    refused(await decide(rejected.requestId, a.token, { decision: 'APPROVE' }), 409, 'conflict', /already decided \(REJECTED\)/);
    refused(await decide(approved.requestId, a.token, { decision: 'REJECT' }), 409, 'conflict', /already decided \(APPROVED\)/);
    expect((await formSearch(p, 'glimmerdale')).json).toEqual([]);

    // Roles: a reviewer (or admin) decides and reads the queue; a verifier or no token does not.
    await ask(request(p, { schoolDomain: 'roles.example' }));
    const [pending] = await queue(a);
    refused(await api(QUEUE()), 401, 'invalidApiToken', /token/);
    refused(await api(QUEUE(), { token: verifier }), 403, 'unauthorizedRequest', /not authorized/);
    expect((await api(QUEUE(), { token: reviewer })).json).toHaveLength(1);
    refused(await api(decisionOf(pending.requestId), { body: { decision: 'APPROVE' } }), 401, 'invalidApiToken', /token/);
    refused(await decide(pending.requestId, verifier, { decision: 'APPROVE' }), 403, 'unauthorizedRequest', /not authorized/);

    // Another account's request, and ids nobody has, are unknown; nothing changes.
    const b = await t.app.bootstrap();
    for (const id of [pending.requestId, UNKNOWN, 'nope'])
      refused(await decide(id, b.token, { decision: 'APPROVE' }), 404, 'notFound', `Add-school request with ID '${id}' not found`);
    expect(await queue(a)).toHaveLength(1);

    // Bad decisions.
    for (const [body, message] of [
      [{}, /Property 'decision' is required: APPROVE or REJECT/],
      [{ decision: 'approve' }, /APPROVE or REJECT/],
      [{ decision: 'APPROVE', note: 'x'.repeat(2001) }, /'note'.*at most 2000/],
      [{ decision: 'APPROVE', note: 5 }, /'note'/],
      [{ decision: 'APPROVE', reasons: [] }, /^Unexpected property 'reasons', expected one of: decision, note$/],
    ] as const)
      refused(await decide(pending.requestId, a.token, body), 400, 'invalidRequest', message);
    refused(await api(`${QUEUE()}?limit=0`, { token: a.token }), 400, 'invalidRequest', /'limit'/);
    expect(await queue(a)).toHaveLength(1);

    // Every decision is in the account's audit log, refused ones with their outcome.
    const entries = (await api(`${t.app.url}/manage/v1/audit?action=add-school.decide&limit=100`, { token: a.token })).json.entries as {
      subject: { type: string; id: string } | null;
      outcome: number;
    }[];
    const outcomes = (id: string) => entries.filter((e) => e.subject?.id === id).map((e) => e.outcome);
    expect(outcomes(approved.requestId).sort()).toEqual([200, 409]);
    expect(outcomes(rejected.requestId).sort()).toEqual([200, 409]);
    expect(entries.find((e) => e.subject?.id === approved.requestId)?.subject?.type).toBe('add-school-request');
  });

  it('adds an approved school with a school type the program takes', async () => {
    const a = await t.app.bootstrap();
    const k12 = await program(a, { segment: 'teacher', orgTypes: ['K12'] });
    await ask(request(k12, { schoolName: 'Brambleton Elementary', schoolDomain: 'brambleton.example' }));
    const [r] = await queue(a);
    const yes = await decide(r.requestId, a.token, { decision: 'APPROVE' });
    expect(yes.json.organization).toMatchObject({ name: 'Brambleton Elementary', type: 'K12' });
    expect((await formSearch(k12, 'brambleton')).json).toEqual([
      { id: yes.json.organization.id, name: 'Brambleton Elementary', country: 'US', type: 'K12' },
    ]);
  });
});
