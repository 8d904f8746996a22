import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * Two accounts on one server. Whatever account B sends with its own token, A's ids are answered exactly as
 * unknown ids are, and A's data stays as it was. Also: management routes want a token (401) holding ADMIN
 * (403), and a bad bearer token is refused everywhere.
 */

type Account = Awaited<ReturnType<TestApp['bootstrap']>>;
type Res = Awaited<ReturnType<typeof api>>;

let app: TestApp;
let A: Account;
let B: Account;
const suffix = randomBytes(4).toString('hex');
const STUDENT = 'collectStudentPersonalInfo';
const newId = () => randomBytes(12).toString('hex');

/** What account A owns, made once before the tests. */
const a = {
  verificationId: '',
  submissionUrl: '',
  trackingId: `order-a-${suffix}`,
  poolProgramId: '',
  liveProgramId: '',
  tokenId: '',
  verifierToken: '',
  verifierTokenId: '',
  searchOrgIds: [] as number[],
  rosterOrgId: 0,
};
/** What account B owns. */
const b = { liveProgramId: '', rosterOrgId: 0 };

const SEARCH_ORG_NAMES = [`Quillmere Polytechnic ${suffix}`, `Quillmere Institute of Art ${suffix}`];
const ROSTER_ORG_NAME = `Rosterville College ${suffix}`;
const PAT = { firstName: 'Pat', lastName: 'Rostered', birthDate: '2002-03-04', email: `pat.${suffix}@example.edu` };
const QUINN = { firstName: 'Quinn', lastName: 'Bee', birthDate: '2001-05-06', email: `quinn.${suffix}@example.edu` };
const EVE = { firstName: 'Eve', lastName: 'Intruder', birthDate: '2000-07-08', email: `eve.${suffix}@example.edu` };
const ROSTER_HEADER = 'organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate';
const rosterLine = (orgId: number, p: typeof PAT) => `${orgId},${p.firstName},${p.lastName},${p.birthDate},${p.email},,,`;

const csv = (url: string, token: string | undefined, text: string) =>
  api(url, { method: 'POST', raw: text, token, headers: { 'content-type': 'text/csv' } });

async function ok(r: Res, status = 200) {
  expect(r.status, r.text.slice(0, 500)).toBe(status);
  return r.json;
}

async function liveStudentProgram(account: Account, name: string) {
  return (
    await ok(
      await api(`${app.url}/manage/v1/programs`, {
        token: account.token,
        body: { name, segment: 'student', testMode: false, offerType: 'staticCode', staticCode: 'LIVE' },
      }),
      201,
    )
  ).id as string;
}

async function importOrganizations(account: Account, rows: string[]) {
  const r = await ok(
    await csv(`${app.url}/manage/v1/organizations/import`, account.token, ['name,type,country,domain', ...rows].join('\n')),
  );
  return (r.organizations as { id: number }[]).map((o) => o.id);
}

const status = async (id: string) => ok(await api(`${app.url}/rest/v2/verification/${id}`));

beforeAll(async () => {
  app = await startTestApp();
  A = await app.bootstrap();
  B = await app.bootstrap();

  const created = await ok(
    await api(`${app.url}/rest/v2/verification`, {
      token: A.token,
      body: { programId: A.programs.student, trackingId: a.trackingId },
    }),
  );
  a.verificationId = created.verificationId;
  a.submissionUrl = created.submissionUrl;

  a.poolProgramId = (
    await ok(
      await api(`${app.url}/manage/v1/programs`, {
        token: A.token,
        body: { name: 'Pool program', segment: 'student', testMode: false, offerType: 'rewardPool' },
      }),
      201,
    )
  ).id;
  expect(await ok(await csv(`${app.url}/manage/v1/programs/${a.poolProgramId}/reward-codes`, A.token, 'code\nA-1\nA-2\nA-3'))).toEqual({
    added: 3,
    remaining: 3,
  });

  const tokens = await ok(await api(`${app.url}/manage/v1/tokens`, { token: A.token }));
  a.tokenId = tokens.find((t: { name: string; revoked: number | null }) => t.name === 'bootstrap' && t.revoked === null).id;
  const verifier = await ok(
    await api(`${app.url}/manage/v1/tokens`, { token: A.token, body: { name: 'verifier', roles: ['VERIFIER'] } }),
    201,
  );
  a.verifierToken = verifier.token;
  a.verifierTokenId = verifier.id;

  a.searchOrgIds = await importOrganizations(
    A,
    SEARCH_ORG_NAMES.map((n) => `${n},UNIVERSITY,US,`),
  );
  [a.rosterOrgId] = await importOrganizations(A, [`${ROSTER_ORG_NAME},UNIVERSITY,US,`]);
  [b.rosterOrgId] = await importOrganizations(B, [`${ROSTER_ORG_NAME},UNIVERSITY,US,`]);
  expect(await ok(await csv(`${app.url}/manage/v1/roster/import`, A.token, `${ROSTER_HEADER}\n${rosterLine(a.rosterOrgId, PAT)}`))).toEqual(
    { imported: 1, replaced: false },
  );
  expect(
    await ok(await csv(`${app.url}/manage/v1/roster/import`, B.token, `${ROSTER_HEADER}\n${rosterLine(b.rosterOrgId, QUINN)}`)),
  ).toEqual({ imported: 1, replaced: false });
  a.liveProgramId = await liveStudentProgram(A, 'Live student A');
  b.liveProgramId = await liveStudentProgram(B, 'Live student B');
});
afterAll(() => app?.close());

/**
 * The answer to `call(realId)` is a 404 and, but for the id itself, the very answer to `call(unknownId)`:
 * another account's id tells B nothing an unknown id does not.
 */
async function answeredAsUnknown(call: (id: string) => Promise<Res>, realId: string, unknownId = newId()) {
  const real = await call(realId);
  const unknown = await call(unknownId);
  expect(real.status, real.text.slice(0, 500)).toBe(404);
  expect(real.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  expect(real.text.replaceAll(realId, '<id>')).toBe(unknown.text.replaceAll(unknownId, '<id>'));
  return real;
}

/** The eligibility dialect's not-found answer. */
function expectEligibilityNotFound(r: Res, errorId: 'noVerification' | 'noProgram') {
  expect(r.status).toBe(404);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(r.json).toEqual({
    verificationId: null,
    currentStep: 'error',
    errorIds: [errorId],
    segment: null,
    subSegment: null,
    systemErrorMessage: expect.any(String),
  });
}

/** The management API's problem details. */
function expectProblem(r: Res, status: number, title: string) {
  expect(r.status, r.text.slice(0, 500)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({ type: 'about:blank', title, status, detail: expect.any(String) });
}

describe(`another account's ids (${TEST_STORE})`, () => {
  it("refuses A's verification to B as not found on status, step and details, and A's verification stays as it was", async () => {
    const before = await status(a.verificationId);
    const details = async () => ok(await api(`${app.url}/rest/v2/verification/${a.verificationId}/details`, { token: A.token }));
    const detailsBefore = await details();

    const get = await answeredAsUnknown((id) => api(`${app.url}/rest/v2/verification/${id}`, { token: B.token }), a.verificationId);
    expectEligibilityNotFound(get, 'noVerification');
    const step = await answeredAsUnknown(
      (id) => api(`${app.url}/rest/v2/verification/${id}/step/${STUDENT}`, { token: B.token, body: VALID_BODIES[STUDENT] }),
      a.verificationId,
    );
    expectEligibilityNotFound(step, 'noVerification');
    const detailsOfB = await answeredAsUnknown(
      (id) => api(`${app.url}/rest/v2/verification/${id}/details`, { token: B.token }),
      a.verificationId,
    );
    expectEligibilityNotFound(detailsOfB, 'noVerification');

    expect(await status(a.verificationId)).toEqual(before);
    expect(await details()).toEqual(detailsBefore);
    expect(before.currentStep).toBe(STUDENT);
  });

  it("refuses A's programs to B as not found on tracking-id lookup, theme, organization search and verification creation", async () => {
    const own = await ok(
      await api(`${app.url}/rest/v2/verification/program/${A.programs.student}/trackingId/${a.trackingId}`, { token: A.token }),
    );
    expect(own).toEqual(await status(a.verificationId));

    const calls: [string, (programId: string) => Promise<Res>][] = [
      ['tracking id', (p) => api(`${app.url}/rest/v2/verification/program/${p}/trackingId/${a.trackingId}`, { token: B.token })],
      ['theme', (p) => api(`${app.url}/rest/v2/program/${p}/theme`, { token: B.token })],
      ['organization search', (p) => api(`${app.url}/rest/v2/program/${p}/organization?name=Quillmere`, { token: B.token })],
      ['create', (p) => api(`${app.url}/rest/v2/verification`, { token: B.token, body: { programId: p, trackingId: `from-b-${suffix}` } })],
      [
        'create and submit',
        (p) => api(`${app.url}/rest/v2/verification/program/${p}/step/${STUDENT}`, { token: B.token, body: VALID_BODIES[STUDENT] }),
      ],
    ];
    for (const [what, call] of calls) {
      for (const programId of [A.programs.student, A.programs.teacher, a.liveProgramId, a.poolProgramId]) {
        const r = await answeredAsUnknown(call, programId);
        expect(r.json?.errorIds, what).toEqual(['noProgram']);
        expectEligibilityNotFound(r, 'noProgram');
      }
    }

    // B's attempts created nothing in A's programs.
    const lookup = await api(`${app.url}/rest/v2/verification/program/${A.programs.student}/trackingId/from-b-${suffix}`, {
      token: A.token,
    });
    expectEligibilityNotFound(lookup, 'noVerification');
    expect(await ok(await api(`${app.url}/rest/v2/program/${a.poolProgramId}/theme`, { token: A.token }))).toMatchObject({
      remainingRewardCodes: 3,
    });
  });

  it("refuses A's program, reward-code pool and token to B's management calls as not found, and leaves them intact", async () => {
    const programBefore = await ok(await api(`${app.url}/manage/v1/programs/${a.poolProgramId}`, { token: A.token }));

    for (const programId of [a.poolProgramId, A.programs.student]) {
      const r = await answeredAsUnknown((id) => api(`${app.url}/manage/v1/programs/${id}`, { token: B.token }), programId);
      expectProblem(r, 404, 'noProgram');
    }
    const upload = await answeredAsUnknown(
      (id) => csv(`${app.url}/manage/v1/programs/${id}/reward-codes`, B.token, 'code\nB-1\nB-2'),
      a.poolProgramId,
    );
    expectProblem(upload, 404, 'noProgram');
    for (const tokenId of [a.tokenId, a.verifierTokenId]) {
      const revoke = await answeredAsUnknown(
        (id) => api(`${app.url}/manage/v1/tokens/${id}`, { token: B.token, method: 'DELETE' }),
        tokenId,
      );
      expectProblem(revoke, 404, 'notFound');
    }

    // B's listings hold none of A's programs or tokens.
    const bPrograms = await ok(await api(`${app.url}/manage/v1/programs`, { token: B.token }));
    const aProgramIds = [...Object.values(A.programs), a.poolProgramId, a.liveProgramId];
    expect(bPrograms.map((p: { id: string }) => p.id).filter((id: string) => aProgramIds.includes(id))).toEqual([]);
    const bTokens = await ok(await api(`${app.url}/manage/v1/tokens`, { token: B.token }));
    expect(bTokens.map((t: { id: string }) => t.id)).not.toContain(a.tokenId);
    expect(bTokens.map((t: { id: string }) => t.id)).not.toContain(a.verifierTokenId);

    // A's program, its pool and its tokens are as they were, and both of A's tokens still work.
    expect(await ok(await api(`${app.url}/manage/v1/programs/${a.poolProgramId}`, { token: A.token }))).toEqual(programBefore);
    expect(await ok(await api(`${app.url}/rest/v2/program/${a.poolProgramId}/theme`, { token: A.token }))).toMatchObject({
      remainingRewardCodes: 3,
    });
    const aTokens = await ok(await api(`${app.url}/manage/v1/tokens`, { token: A.token }));
    for (const id of [a.tokenId, a.verifierTokenId])
      expect(aTokens.find((t: { id: string }) => t.id === id)).toMatchObject({ revoked: null });
    await ok(await api(`${app.url}/rest/v2/verification/${a.verificationId}/details`, { token: a.verifierToken }));
  });
});

describe(`organizations and rosters stay in their account (${TEST_STORE})`, () => {
  it("never returns A's imported organizations in B's organization search, with or without B's token", async () => {
    const search = (programId: string, name: string, token?: string) =>
      api(`${app.url}/rest/v2/program/${programId}/organization?name=${encodeURIComponent(name)}`, { token });

    const inA = await ok(await search(A.programs.student, 'Quillmere', A.token));
    expect(inA.map((o: { id: number }) => o.id)).toEqual(expect.arrayContaining(a.searchOrgIds));

    const queries = [
      'Quillmere',
      SEARCH_ORG_NAMES[0],
      SEARCH_ORG_NAMES[1].toLowerCase(),
      suffix,
      'Polytechnic',
      'Institute',
      'Rosterville',
      '%',
      '_',
      'a',
      'e',
      ' ',
    ];
    const aIds = [...a.searchOrgIds, a.rosterOrgId];
    for (const programId of [B.programs.student, B.programs.teacher, b.liveProgramId]) {
      for (const token of [B.token, undefined]) {
        for (const q of queries) {
          const found: { id: number; name: string }[] = await ok(await search(programId, q, token));
          expect(
            found.filter((o) => aIds.includes(o.id)),
            `${q} in ${programId}`,
          ).toEqual([]);
          expect(
            found.filter((o) => SEARCH_ORG_NAMES.includes(o.name)),
            `${q} in ${programId}`,
          ).toEqual([]);
        }
      }
    }
    // B sees its own organization of the same name, under its own id.
    const rosterville = await ok(await search(B.programs.student, 'Rosterville', B.token));
    expect(rosterville).toEqual([{ id: b.rosterOrgId, name: ROSTER_ORG_NAME, country: 'US', type: 'UNIVERSITY' }]);
  });

  it("matches a rostered person only in the roster's own account", async () => {
    const submit = async (programId: string, person: typeof PAT, organizationId: number) => {
      const created = await ok(await api(`${app.url}/rest/v2/verification`, { body: { programId } }));
      const r = await api(created.submissionUrl, { body: { ...person, organization: { id: organizationId, name: ROSTER_ORG_NAME } } });
      return { created, r, after: await status(created.verificationId) };
    };

    const patInA = await submit(a.liveProgramId, PAT, a.rosterOrgId);
    expect(patInA.r.json).toMatchObject({ currentStep: 'success', rewardCode: 'LIVE', errorIds: [] });
    const patInB = await submit(b.liveProgramId, PAT, b.rosterOrgId);
    expect(patInB.r.json).toMatchObject({ currentStep: 'docUpload', errorIds: [] });

    const quinnInB = await submit(b.liveProgramId, QUINN, b.rosterOrgId);
    expect(quinnInB.r.json).toMatchObject({ currentStep: 'success', rewardCode: 'LIVE' });
    const quinnInA = await submit(a.liveProgramId, QUINN, a.rosterOrgId);
    expect(quinnInA.r.json).toMatchObject({ currentStep: 'docUpload' });

    // A's organization id means nothing in B's program: a recoverable error that changes nothing.
    const patWithAsOrg = await submit(b.liveProgramId, PAT, a.rosterOrgId);
    expect(patWithAsOrg.r.status).toBe(200);
    expect(patWithAsOrg.r.json).toMatchObject({ currentStep: STUDENT, errorIds: ['invalidOrganization'] });
    expect(patWithAsOrg.after).toEqual(patWithAsOrg.created);
  });
});

describe(`tokens and roles (${TEST_STORE})`, () => {
  /** Every management route, with a body that would succeed for an ADMIN of A. */
  const managementCalls = () => [
    { name: 'list programs', method: 'GET', path: '/manage/v1/programs' },
    {
      name: 'create program',
      method: 'POST',
      path: '/manage/v1/programs',
      body: { name: `Sneaky ${suffix}`, segment: 'student', staticCode: 'X' },
    },
    { name: 'get program', method: 'GET', path: `/manage/v1/programs/${a.poolProgramId}` },
    { name: 'upload reward codes', method: 'POST', path: `/manage/v1/programs/${a.poolProgramId}/reward-codes`, csv: 'code\nSNEAKY-1' },
    { name: 'list tokens', method: 'GET', path: '/manage/v1/tokens' },
    { name: 'create token', method: 'POST', path: '/manage/v1/tokens', body: { name: 'sneaky', roles: ['ADMIN'] } },
    { name: 'revoke token', method: 'DELETE', path: `/manage/v1/tokens/${a.tokenId}` },
    { name: 'create OAuth client', method: 'POST', path: '/manage/v1/oauth-clients', body: { name: 'sneaky', roles: ['ADMIN'] } },
    {
      name: 'import organizations',
      method: 'POST',
      path: '/manage/v1/organizations/import',
      csv: `name,type,country,domain\nSneaky University ${suffix},UNIVERSITY,US,`,
    },
    { name: 'import roster', method: 'POST', path: '/manage/v1/roster/import', csv: `${ROSTER_HEADER}\n${rosterLine(a.rosterOrgId, EVE)}` },
  ];

  /** Every eligibility route that looks at the caller's token, with A's ids. */
  const eligibilityCalls = () => [
    { name: 'info', method: 'GET', path: '/rest/v2/info' },
    {
      name: 'create',
      method: 'POST',
      path: '/rest/v2/verification',
      body: { programId: A.programs.student, trackingId: `bad-token-${suffix}` },
    },
    {
      name: 'create and submit',
      method: 'POST',
      path: `/rest/v2/verification/program/${A.programs.student}/step/${STUDENT}`,
      body: VALID_BODIES[STUDENT],
    },
    { name: 'status', method: 'GET', path: `/rest/v2/verification/${a.verificationId}` },
    { name: 'step', method: 'POST', path: `/rest/v2/verification/${a.verificationId}/step/${STUDENT}`, body: VALID_BODIES[STUDENT] },
    { name: 'details', method: 'GET', path: `/rest/v2/verification/${a.verificationId}/details` },
    { name: 'tracking id', method: 'GET', path: `/rest/v2/verification/program/${A.programs.student}/trackingId/${a.trackingId}` },
    { name: 'theme', method: 'GET', path: `/rest/v2/program/${A.programs.student}/theme` },
    { name: 'organization search', method: 'GET', path: `/rest/v2/program/${A.programs.student}/organization?name=Quillmere` },
    { name: 'unknown route', method: 'GET', path: '/rest/v2/no-such-thing' },
  ];

  type Call = { name: string; method: string; path: string; body?: unknown; csv?: string };
  const send = (c: Call, headers: Record<string, string>) =>
    c.csv !== undefined
      ? api(`${app.url}${c.path}`, { method: c.method, raw: c.csv, headers: { ...headers, 'content-type': 'text/csv' } })
      : api(`${app.url}${c.path}`, { method: c.method, body: c.body, headers });

  /** A's state as its ADMIN sees it, to compare after refused calls. */
  async function snapshotOfA() {
    return {
      programs: await ok(await api(`${app.url}/manage/v1/programs`, { token: A.token })),
      tokens: await ok(await api(`${app.url}/manage/v1/tokens`, { token: A.token })),
      verification: await status(a.verificationId),
      pool: (await ok(await api(`${app.url}/rest/v2/program/${a.poolProgramId}/theme`, { token: A.token }))).remainingRewardCodes,
      sneakyOrganizations: await ok(
        await api(`${app.url}/rest/v2/program/${A.programs.student}/organization?name=Sneaky`, { token: A.token }),
      ),
    };
  }

  /** Eve was only in refused roster imports: she is not on A's roster. */
  async function eveIsNotRostered() {
    const created = await ok(await api(`${app.url}/rest/v2/verification`, { body: { programId: a.liveProgramId } }));
    const r = await ok(await api(created.submissionUrl, { body: { ...EVE, organization: { id: a.rosterOrgId, name: ROSTER_ORG_NAME } } }));
    expect(r.currentStep).toBe('docUpload');
  }

  it('answers 401 in problem+json to management calls without a token, changing nothing', async () => {
    const before = await snapshotOfA();
    for (const c of managementCalls()) expectProblem(await send(c, {}), 401, 'invalidApiToken');
    expect(await snapshotOfA()).toEqual(before);
    await eveIsNotRostered();
  });

  it('answers 403 in problem+json to management calls with a token lacking ADMIN, changing nothing', async () => {
    const before = await snapshotOfA();
    for (const c of managementCalls()) {
      const r = await send(c, { authorization: `Bearer ${a.verifierToken}` });
      expect(r.status, `${c.name}: ${r.text.slice(0, 300)}`).toBe(403);
      expectProblem(r, 403, 'unauthorizedRequest');
    }
    expect(await snapshotOfA()).toEqual(before);
    await eveIsNotRostered();
    // The same token is good for what VERIFIER allows.
    await ok(await api(`${app.url}/rest/v2/verification/${a.verificationId}/details`, { token: a.verifierToken }));
  });

  it('answers 401 to an invalid bearer token on every route, as invalidApiToken on /rest/v2, changing nothing', async () => {
    const revoked = await ok(
      await api(`${app.url}/manage/v1/tokens`, { token: A.token, body: { name: 'to revoke', roles: ['ADMIN'] } }),
      201,
    );
    expect((await api(`${app.url}/manage/v1/tokens/${revoked.id}`, { token: A.token, method: 'DELETE' })).status).toBe(204);
    const before = await snapshotOfA();

    const invalid: Record<string, string> = {
      'unknown token': `Bearer vch_${randomBytes(24).toString('base64url')}`,
      'revoked token': `Bearer ${revoked.token}`,
      'too short': 'Bearer abc',
      'too long': `Bearer ${'t'.repeat(300)}`,
      'no token after the scheme': 'Bearer',
      'two tokens': `Bearer ${A.token} ${A.token}`,
      'another scheme': `Token ${A.token}`,
      "B's token with a character changed": `Bearer ${B.token.slice(0, -1)}${B.token.endsWith('A') ? 'B' : 'A'}`,
    };
    for (const [what, authorization] of Object.entries(invalid)) {
      for (const c of eligibilityCalls()) {
        const r = await send(c, { authorization });
        expect(r.status, `${what}, ${c.name}: ${r.text.slice(0, 300)}`).toBe(401);
        expect(r.json, `${what}, ${c.name}`).toEqual({
          verificationId: null,
          currentStep: 'error',
          errorIds: ['invalidApiToken'],
          segment: null,
          subSegment: null,
          systemErrorMessage: expect.any(String),
        });
      }
      for (const c of managementCalls()) {
        const r = await send(c, { authorization });
        expect(r.status, `${what}, ${c.name}: ${r.text.slice(0, 300)}`).toBe(401);
        expectProblem(r, 401, 'invalidApiToken');
      }
    }

    expect(await snapshotOfA()).toEqual(before);
    await eveIsNotRostered();
    const lookup = await api(`${app.url}/rest/v2/verification/program/${A.programs.student}/trackingId/bad-token-${suffix}`, {
      token: A.token,
    });
    expectEligibilityNotFound(lookup, 'noVerification');
    // A's own token, sent properly, still works.
    await ok(await api(`${app.url}/manage/v1/programs`, { token: A.token }));
  });
});
