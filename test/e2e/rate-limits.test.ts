import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';
import { VALID_BODIES } from '../support/bodies.ts';

// A window far longer than the test, so no counter resets while it runs.
const LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '600',
  RATE_LIMIT_CREATE: '5',
  RATE_LIMIT_STEP: '4',
  RATE_LIMIT_AUTH: '3',
  RATE_LIMIT_LINK: '3',
  RATE_LIMIT_UPLOAD: '2',
};
let app: TestApp;
let A: Awaited<ReturnType<TestApp['bootstrap']>>;
let B: Awaited<ReturnType<TestApp['bootstrap']>>;
beforeAll(async () => {
  app = await startTestApp(LIMITS);
  A = await app.bootstrap();
  B = await app.bootstrap();
});
afterAll(async () => app?.close());

const db = () => app.running.container.store.db;
const tracked = async (trackingId: string) =>
  (await db().selectFrom('verifications').select('id').where('tracking_id', '=', trackingId).execute()).length;
const start = (programId: string, trackingId: string, opts: { token?: string; ip?: string } = {}) =>
  api(`${app.url}/rest/v2/verification`, {
    token: opts.token,
    body: { programId, trackingId },
    headers: opts.ip ? { 'x-forwarded-for': opts.ip } : {},
  });
const retryAfter = (r: { headers: Headers }) => Number(r.headers.get('retry-after'));

describe(`rate limits (${TEST_STORE})`, () => {
  it('a token that reaches its limit gets 429 with Retry-After in each dialect, and nothing is created', async () => {
    for (let i = 0; i < 5; i++) {
      const ok = await start(A.programs.student, `rl-a-${i}`, { token: A.token });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-limit')).toBe('5');
    }
    const over = await start(A.programs.student, 'rl-a-over', { token: A.token });
    expect(over.status).toBe(429);
    expect(retryAfter(over)).toBeGreaterThan(0);
    expect(over.json).toMatchObject({ currentStep: 'error', errorIds: ['apiRateLimitExceeded'] });
    expect(over.json.systemErrorMessage).toMatch(/retry after \d+ seconds/);
    expect(await tracked('rl-a-over')).toBe(0);

    // The same token's creations in the client-request dialect share the limit and answer in its envelope.
    const ref = `RL-${Date.now()}`;
    const envelope = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token,
      body: {
        requesterReferenceId: ref,
        clients: [{ firstName: 'R', lastName: 'L', email: 'rl@example.com', phoneNumber: '+1 604 555 0100' }],
      },
    });
    expect(envelope.status).toBe(429);
    expect(retryAfter(envelope)).toBeGreaterThan(0);
    expect(envelope.json).toMatchObject({ statusCode: 429, message: 'Too Many Requests', data: null });
    expect(await db().selectFrom('case_files').select('id').where('requester_reference_id', '=', ref).execute()).toHaveLength(0);

    // And in the management API as problem details.
    const problem = await api(`${app.url}/manage/v1/programs`, {
      token: A.token,
      body: { name: 'RL program', segment: 'student', testMode: true },
    });
    expect(problem.status).toBe(429);
    expect(problem.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(problem.json).toMatchObject({ status: 429, title: 'apiRateLimitExceeded' });
  });

  it('another account is unaffected by the first one reaching its limit', async () => {
    const other = await start(B.programs.student, 'rl-b-0', { token: B.token });
    expect(other.status).toBe(200);
    expect(await tracked('rl-b-0')).toBe(1);
    // Routes outside the limited categories stay open to the limited token.
    expect((await api(`${app.url}/manage/v1/programs`, { token: A.token })).status).toBe(200);
  });

  it('anonymous end users are limited per client IP, one IP not affecting another or a token', async () => {
    for (let i = 0; i < 5; i++) expect((await start(A.programs.student, `rl-ip-${i}`, { ip: '203.0.113.7' })).status).toBe(200);
    const over = await start(A.programs.student, 'rl-ip-over', { ip: '203.0.113.7' });
    expect(over.status).toBe(429);
    expect(over.json.errorIds).toEqual(['apiRateLimitExceeded']);
    expect((await start(A.programs.student, 'rl-ip-other', { ip: '203.0.113.8' })).status).toBe(200);
    expect((await start(B.programs.student, 'rl-ip-token', { token: B.token, ip: '203.0.113.7' })).status).toBe(200);
  });

  it('credential exchanges are limited per IP, in the OAuth error shape', async () => {
    const ask = () =>
      api(`${app.url}/rest/v2/oauth/token`, {
        raw: 'grant_type=client_credentials&client_id=nobody&client_secret=wrong',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.1' },
      });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(401);
    const over = await ask();
    expect(over.status).toBe(429);
    expect(retryAfter(over)).toBeGreaterThan(0);
    expect(over.json).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(/Too many requests/) });

    const treefort = () =>
      api(`${app.url}/api/auth/token`, { body: { clientId: 'nobody', secret: 'wrong' }, headers: { 'x-forwarded-for': '198.51.100.1' } });
    // The auth category is shared by both exchanges: this IP is already over.
    const envelope = await treefort();
    expect(envelope.status).toBe(429);
    expect(envelope.json).toMatchObject({ statusCode: 429, message: 'Too Many Requests' });
  });

  it('step submissions are limited, so a script cannot repeat them on one verification', async () => {
    const created = await start(A.programs.student, 'rl-steps', { ip: '203.0.113.20' });
    const submit = (ip: string) =>
      api(created.json.submissionUrl, {
        body: { ...VALID_BODIES.collectStudentPersonalInfo, email: 'not-an-email' },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 4; i++) {
      const refused = await submit('203.0.113.20');
      expect(refused.json.errorIds).toEqual(['invalidEmail']);
      expect(refused.headers.get('ratelimit-limit')).toBe('4');
    }
    const over = await submit('203.0.113.20');
    expect(over.status).toBe(429);
    expect(over.json).toMatchObject({ currentStep: 'error', errorIds: ['apiRateLimitExceeded'] });
    // The verification was not touched by the refused submission, and another address still gets through.
    expect((await api(`${app.url}/rest/v2/verification/${created.json.verificationId}`)).json.currentStep).toBe(
      'collectStudentPersonalInfo',
    );
    expect((await submit('203.0.113.21')).json.errorIds).toEqual(['invalidEmail']);
  });

  it('failed bearer tokens are limited per IP, after which that IP is refused before any token lookup', async () => {
    const call = (token: string, ip: string) => api(`${app.url}/manage/v1/programs`, { token, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i++) expect((await call(`vch_guess${i}`, '198.51.100.77')).status).toBe(401);
    const over = await call('vch_guess-over', '198.51.100.77');
    expect(over.status).toBe(429);
    expect(retryAfter(over)).toBeGreaterThan(0);
    expect(over.json).toMatchObject({ status: 429, title: 'apiRateLimitExceeded' });
    // Even a valid token from that address waits for the window; from elsewhere it is unaffected.
    expect((await call(A.token, '198.51.100.77')).status).toBe(429);
    expect((await call(A.token, '198.51.100.78')).status).toBe(200);
    // Successful requests do not count: a busy integration never locks itself out.
    for (let i = 0; i < 5; i++) expect((await call(B.token, '198.51.100.79')).status).toBe(200);
  });

  it('link pages and uploads have limits of their own', async () => {
    const open = () => fetch(`${app.url}/verify/vcl_doesnotexist`, { headers: { 'x-forwarded-for': '192.0.2.50' } });
    for (let i = 0; i < 3; i++) expect((await open()).status).toBe(404);
    const over = await open();
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);

    const put = () =>
      fetch(`${app.url}/rest/v2/document/upload/nosuchtoken`, {
        method: 'PUT',
        body: 'x',
        headers: { 'content-type': 'image/png', 'x-forwarded-for': '192.0.2.50' },
      });
    for (let i = 0; i < 2; i++) expect((await put()).status).not.toBe(429);
    const tooMany = await put();
    expect(tooMany.status).toBe(429);
    expect(await tooMany.json()).toMatchObject({ currentStep: 'error', errorIds: ['apiRateLimitExceeded'] });
  });
});

describe(`rate limits without a trusted proxy (${TEST_STORE})`, () => {
  let direct: TestApp;
  beforeAll(async () => {
    direct = await startTestApp({ ...LIMITS, RATE_LIMIT_CREATE: '2', TRUST_PROXY: 'false' });
  });
  afterAll(async () => direct?.close());

  it('ignores X-Forwarded-For, so a caller cannot dodge its per-IP limit by making up addresses', async () => {
    const { programs } = await direct.bootstrap();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const r = await api(`${direct.url}/rest/v2/verification`, {
        body: { programId: programs.student, trackingId: `spoof-${i}` },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
