import { beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp, type Demo } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { TEST_STORE } from '../support/stores.ts';

const t = useTestApp();
/** Derived from the domain `stanford.edu` (see test/integration/organizations.test.ts). */
const STANFORD_ID = 5_309_774_945;
const SEARCH = () => `${t.app.url}/rest/organization/search`;

const csv = (url: string, token: string, text: string) =>
  api(url, { method: 'POST', raw: text, token, headers: { 'content-type': 'text/csv' } });

async function importOrganizations(account: Demo, rows: string[]) {
  const r = await csv(`${t.app.url}/manage/v1/organizations/import`, account.token, ['name,type,country,domain', ...rows].join('\n'));
  expect(r.status).toBe(200);
  return (r.json.organizations as { id: number }[]).map((o) => o.id);
}

async function theme(programId: string) {
  const r = await api(`${t.app.url}/rest/v2/program/${programId}/theme`);
  expect(r.status).toBe(200);
  return r.json as { config: { orgSearchUrl: string } };
}

/** The error step of the eligibility dialect, with its errorId and sentence. */
function refused(r: { status: number; json: any }, status: number, errorId: string, message: RegExp | string) {
  expect(r.status).toBe(status);
  expect(r.json).toMatchObject({ currentStep: 'error', errorIds: [errorId] });
  expect(r.json.systemErrorMessage).toMatch(message);
}

describe(`organization search at the theme's orgSearchUrl, GET /rest/organization/search (${TEST_STORE})`, () => {
  let a: Demo;
  let riverside: number;
  beforeAll(async () => {
    a = t.demo;
    [riverside] = await importOrganizations(a, ['Riverside Quillmere College,POST_SECONDARY,US,quillmere.example']);
  });

  it("points the theme's orgSearchUrl at a Vouch route with orgsearch's query shape, which answers the text appended to it", async () => {
    const { config } = await theme(a.programs.student);
    const url = new URL(config.orgSearchUrl);
    expect(`${url.origin}${url.pathname}`).toBe(SEARCH());
    expect(config.orgSearchUrl.endsWith('&name=')).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      programId: a.programs.student,
      country: 'US',
      type: 'UNIVERSITY,POST_SECONDARY,HIGH_SCHOOL',
      name: '',
    });

    const r = await api(`${config.orgSearchUrl}${encodeURIComponent('stanford')}`);
    expect(r.status).toBe(200);
    expect(r.json[0]).toEqual({ id: STANFORD_ID, name: 'Stanford University', country: 'US', type: 'UNIVERSITY' });
    for (const o of r.json) expect(Object.keys(o)).toEqual(['id', 'name', 'country', 'type']);
    // The account's own organizations come first; what the person has not typed yet finds nothing.
    expect((await api(`${config.orgSearchUrl}quillmere`)).json).toEqual([
      { id: riverside, name: 'Riverside Quillmere College', country: 'US', type: 'POST_SECONDARY' },
    ]);
    expect((await api(config.orgSearchUrl)).json).toEqual([]);
  });

  it("keeps to the program: its countries and types (a client narrows them, never widens them), its exclusions, its account's imports", async () => {
    const made = await api(`${t.app.url}/manage/v1/programs`, {
      token: a.token,
      body: {
        name: 'Canadian and US students',
        segment: 'student',
        staticCode: 'CA-US',
        countries: ['US', 'CA'],
        excludedOrganizationIds: [STANFORD_ID],
      },
    });
    expect(made.status).toBe(201);
    const { config } = await theme(made.json.id);
    expect(new URL(config.orgSearchUrl).searchParams.get('country')).toBe('US,CA');
    expect(config.orgSearchUrl).toContain('country=US%2CCA');

    const names = async (query: string) =>
      ((await api(`${SEARCH()}?programId=${made.json.id}&${query}`)).json as { name: string }[]).map((o) => o.name);
    expect(await names('name=stanford')).not.toContain('Stanford University');
    expect(await names('name=mcgill')).toEqual(['McGill University']);
    expect(await names('country=us&name=mcgill')).toEqual([]);
    expect(await names('country=CA&country=US&name=mcgill')).toEqual(['McGill University']);
    // Outside what the program accepts: nothing, rather than more.
    expect(await names('country=FR&name=sorbonne')).toEqual([]);
    expect(await names('type=MILITARY&name=army')).toEqual([]);
    expect(await names('type=post_secondary&name=quillmere')).toEqual(['Riverside Quillmere College']);
    expect(await names('type=UNIVERSITY&name=quillmere')).toEqual([]);

    // Another account's imports are never found, through its programs or with its token.
    const b = await t.app.bootstrap();
    const [bOnly] = await importOrganizations(b, ['Zanzibar Quillmere Institute,UNIVERSITY,US,']);
    expect(await names('name=zanzibar')).toEqual([]);
    const asB = await api(`${(await theme(b.programs.student)).config.orgSearchUrl}zanzibar`);
    expect(asB.json).toEqual([{ id: bOnly, name: 'Zanzibar Quillmere Institute', country: 'US', type: 'UNIVERSITY' }]);
    // A's program with B's token is unknown, as on every route that names a program.
    refused(await api(`${SEARCH()}?programId=${a.programs.student}&name=stanford`, { token: b.token }), 404, 'noProgram', /not found/);

    // Without a program: the directory, and the caller's own imports when a token is sent.
    expect((await api(`${SEARCH()}?country=US&type=UNIVERSITY&name=stanford`)).json[0]).toMatchObject({ id: STANFORD_ID });
    expect((await api(`${SEARCH()}?name=zanzibar`)).json).toEqual([]);
    expect((await api(`${SEARCH()}?name=zanzibar`, { token: b.token })).json.map((o: { id: number }) => o.id)).toEqual([bOnly]);
  });

  it('refuses bad input in the eligibility error shape', async () => {
    const base = `${SEARCH()}?programId=${a.programs.student}`;
    refused(await api(base), 400, 'invalidRequest', "Query parameter 'name' is required");
    refused(await api(`${base}&name=${'x'.repeat(201)}`), 400, 'invalidRequest', "Query parameter 'name' must be at most 200 characters");
    refused(
      await api(`${base}&country=QQ&name=stanford`),
      400,
      'invalidRequest',
      "Query parameter 'country': 'QQ' is not an ISO 3166 alpha-2",
    );
    refused(await api(`${base}&country=USA&name=stanford`), 400, 'invalidRequest', /'USA' is not an ISO 3166/);
    refused(await api(`${base}&country=US,ZZ&name=stanford`), 400, 'invalidRequest', /'ZZ'/);
    refused(
      await api(`${base}&type=SCHOOL&name=stanford`),
      400,
      'invalidRequest',
      /Query parameter 'type': 'SCHOOL' is not one of UNIVERSITY, /,
    );
    refused(await api(`${base}&country=${'US,'.repeat(400)}&name=a`), 400, 'invalidRequest', /at most 1000 characters/);
    refused(await api(`${SEARCH()}?programId=nope&name=stanford`), 404, 'noProgram', "Program with ID 'nope' not found");
    refused(await api(`${SEARCH()}?programId=${'0'.repeat(24)}&name=stanford`), 404, 'noProgram', /not found/);
  });
});

describe(`the organization of a verification, GET /rest/v2/organization/{verificationId} (${TEST_STORE})`, () => {
  const organizationOf = (id: string, token?: string) => api(`${t.app.url}/rest/v2/organization/${id}`, { token });
  async function verified(account: Demo, step: string, body: Record<string, unknown>) {
    const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: account.programs[segmentOf[step]] } });
    const done = await api(created.json.submissionUrl, { body });
    expect(done.json.currentStep).toBe('success');
    return created.json.verificationId as string;
  }
  const segmentOf: Record<string, string> = { collectStudentPersonalInfo: 'student', collectAgePersonalInfo: 'age' };

  it("describes the submitted organization with SheerID's fields, from the directory or the account's imports", async () => {
    const a = t.demo;
    const stanford = await verified(a, 'collectStudentPersonalInfo', {
      ...VALID_BODIES.collectStudentPersonalInfo,
      organization: { id: STANFORD_ID, name: 'Stanford University' },
    });
    const r = await organizationOf(stanford, a.token);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      id: STANFORD_ID,
      name: 'Stanford University',
      type: 'UNIVERSITY',
      street: '',
      city: '',
      state: '',
      zip: '',
      country: 'US',
    });

    const [imported] = await importOrganizations(a, ['Ostrava Night School,POST_SECONDARY,CZ,']);
    const own = await verified(a, 'collectStudentPersonalInfo', {
      ...VALID_BODIES.collectStudentPersonalInfo,
      organization: { id: imported, name: 'Ostrava Night School' },
    });
    expect((await organizationOf(own, a.token)).json).toMatchObject({
      id: imported,
      name: 'Ostrava Night School',
      type: 'POST_SECONDARY',
      country: 'CZ',
    });

    // An id no source knows: what the person sent, the segment's first organization type, the verification's country.
    const unknown = await verified(a, 'collectStudentPersonalInfo', VALID_BODIES.collectStudentPersonalInfo);
    expect((await organizationOf(unknown, a.token)).json).toEqual({
      id: 1,
      name: 'Organization name',
      type: 'UNIVERSITY',
      street: '',
      city: '',
      state: '',
      zip: '',
      country: 'US',
    });
  });

  it('answers a verification without an organization, an unknown one and another account’s in the eligibility error shape', async () => {
    const a = t.demo;
    const age = await verified(a, 'collectAgePersonalInfo', VALID_BODIES.collectAgePersonalInfo);
    refused(await organizationOf(age, a.token), 404, 'noOrganization', /No organization was submitted/);
    const fresh = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: a.programs.student } });
    refused(await organizationOf(fresh.json.verificationId, a.token), 404, 'noOrganization', /No organization/);

    for (const id of ['0'.repeat(24), 'not-an-id'])
      refused(await organizationOf(id, a.token), 404, 'noVerification', `Verification with ID '${id}' not found`);
    const stanford = await verified(a, 'collectStudentPersonalInfo', VALID_BODIES.collectStudentPersonalInfo);
    const b = await t.app.bootstrap();
    refused(await organizationOf(stanford, b.token), 404, 'noVerification', /not found/);

    refused(await organizationOf(stanford), 401, 'invalidApiToken', /token/);
    const reporter = (await api(`${t.app.url}/manage/v1/tokens`, { token: a.token, body: { name: 'reports', roles: ['REPORTER'] } })).json
      .token;
    refused(await organizationOf(stanford, reporter), 403, 'unauthorizedRequest', /not authorized/);
    const verifier = (await api(`${t.app.url}/manage/v1/tokens`, { token: a.token, body: { name: 'verifier', roles: ['VERIFIER'] } })).json
      .token;
    expect((await organizationOf(stanford, verifier)).status).toBe(200);
  });
});
