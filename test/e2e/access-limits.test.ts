import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAccountStatus, setUserDisabled } from '../../src/modules/accounts/index.ts';
import { addressAllowed, invalidEntries } from '../../src/modules/accounts/domain/allowed-addresses.ts';
import { api, startTestApp, type Demo, type TestApp, useTestApp } from '../support/app.ts';

/**
 * Limits on who may use a real token: a suspended account (`unauthorizedAccountStatus`, 403), a disabled
 * user (`unauthorizedUser`, 401), a client address off the token's allow-list (`unauthorizedIpAddress`,
 * 403). Each is answered in the caller's dialect, changes nothing, and is not counted as token guessing.
 * The server trusts X-Forwarded-For from loopback (the default), so a test can speak from other addresses.
 */

// Failed bearer tokens are limited (3 per address in a window far longer than the test), so that the test
// can show which refusals count; only the limiter test sends unknown tokens, each from its own addresses.
const t = useTestApp({ RATE_LIMIT_AUTH: '3', RATE_LIMIT_WINDOW_SECONDS: '600' });
const url = (p: string) => `${t.app.url}${p}`;
const DEMO_EMAIL = 'demo@vouch.invalid';
type Res = Awaited<ReturnType<typeof api>>;

async function newToken(body: Record<string, unknown>, admin = t.demo.token) {
  const r = await api(url('/manage/v1/tokens'), { token: admin, body: { roles: ['ADMIN'], ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json as { id: string; token: string; allowedIpAddresses: string[] | null };
}

/**
 * One request in each dialect that creates something when the token is honoured: an eligibility
 * verification, a Treefort file with one client request, a management program.
 */
async function inEachDialect(account: Demo, token: string, from?: string) {
  const headers = from ? { 'x-forwarded-for': from } : undefined;
  const ref = randomBytes(4).toString('hex');
  return {
    eligibility: await api(url('/rest/v2/verification'), { token, headers, body: { programId: account.programs.student } }),
    clientRequests: await api(url('/api/client/create-verification-request'), {
      token,
      headers,
      body: {
        requesterReferenceId: `M-${ref}`,
        clients: [{ firstName: 'Ann', lastName: 'Lee', email: `ann.${ref}@example.com`, phoneNumber: '+1 604 555 0100' }],
      },
    }),
    management: await api(url('/manage/v1/programs'), {
      token,
      headers,
      body: { name: `P ${ref}`, segment: 'student', offerType: 'staticCode', staticCode: 'X' },
    }),
  };
}

/** Each dialect's answer is the refusal `code` with `status`, in that dialect's own shape. */
function expectRefused(r: Awaited<ReturnType<typeof inEachDialect>>, code: string, status: number) {
  expect(r.eligibility.status, r.eligibility.text).toBe(status);
  expect(r.eligibility.json).toMatchObject({ verificationId: null, currentStep: 'error', errorIds: [code] });
  expect(r.eligibility.json.systemErrorMessage).toMatch(/\w+ \w+/);
  expect(r.clientRequests.status, r.clientRequests.text).toBe(status);
  expect(r.clientRequests.json).toEqual({
    statusCode: status,
    message: status === 401 ? 'Unauthorized' : 'Forbidden',
    data: null,
    errors: [r.eligibility.json.systemErrorMessage],
  });
  expect(r.management.status, r.management.text).toBe(status);
  expect(r.management.headers.get('content-type')).toContain('application/problem+json');
  expect(r.management.json).toMatchObject({ title: code, status, detail: r.eligibility.json.systemErrorMessage });
}

function expectHonoured(r: Awaited<ReturnType<typeof inEachDialect>>) {
  expect(r.eligibility.status, r.eligibility.text).toBe(200);
  expect(r.eligibility.json.currentStep).toBe('collectStudentPersonalInfo');
  expect(r.clientRequests.status, r.clientRequests.text).toBe(200);
  expect(r.management.status, r.management.text).toBe(201);
}

/** What an account holds, counted: a refused request must leave every count as it was. */
async function holdings(accountId: string) {
  const db = t.app.running.container.store.db;
  const count = async (table: 'verifications' | 'client_requests' | 'case_files' | 'programs' | 'api_tokens' | 'users') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const account = await db.selectFrom('accounts').select('status').where('id', '=', accountId).executeTakeFirstOrThrow();
  const users = await db.selectFrom('users').select(['id', 'disabled_at']).where('account_id', '=', accountId).orderBy('id').execute();
  return {
    status: account.status,
    users,
    verifications: await count('verifications'),
    clientRequests: await count('client_requests'),
    caseFiles: await count('case_files'),
    programs: await count('programs'),
    tokens: await count('api_tokens'),
  };
}

describe('a token limited to client addresses', () => {
  it('is refused from an address outside its list in every dialect, changing nothing', async () => {
    const limited = await newToken({ name: 'office only', allowedIpAddresses: ['203.0.113.0/24', '2001:db8::/32'] });
    expect(limited.allowedIpAddresses).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    const list = await api(url('/manage/v1/tokens'), { token: t.demo.token });
    expect(list.json.find((x: { id: string }) => x.id === limited.id)).toMatchObject({
      name: 'office only',
      allowedIpAddresses: ['203.0.113.0/24', '2001:db8::/32'],
    });
    expect(list.json.find((x: { name: string }) => x.name === 'bootstrap').allowedIpAddresses).toBeNull();

    const before = await holdings(t.demo.accountId);
    // The test's own loopback address, then addresses a trusted proxy names: none in the list.
    for (const from of [undefined, '198.51.100.7', '::ffff:198.51.100.7', '2001:db9::1']) {
      expectRefused(await inEachDialect(t.demo, limited.token, from), 'unauthorizedIpAddress', 403);
    }
    expect(await holdings(t.demo.accountId)).toEqual(before);

    // From inside the list (as a trusted proxy reports it) the same token is honoured.
    expectHonoured(await inEachDialect(t.demo, limited.token, '203.0.113.77'));
    expectHonoured(await inEachDialect(t.demo, limited.token, '2001:db8:5::9'));
  });

  it('is honoured from loopback when its list names loopback, in any of its written forms', async () => {
    const v4 = await newToken({ name: 'loopback v4', allowedIpAddresses: ['127.0.0.1'] });
    const mapped = await newToken({ name: 'loopback mapped', allowedIpAddresses: ['::ffff:127.0.0.1'] });
    const range = await newToken({ name: 'loopback range', allowedIpAddresses: ['10.0.0.0/8', '127.0.0.0/8'] });
    const v6 = await newToken({ name: 'loopback v6', allowedIpAddresses: ['::1'] });
    for (const token of [v4.token, mapped.token, range.token]) {
      // The socket's own address (127.0.0.1), and the same address as a dual-stack proxy writes it.
      expectHonoured(await inEachDialect(t.demo, token));
      expectHonoured(await inEachDialect(t.demo, token, '::ffff:127.0.0.1'));
    }
    // IPv6 loopback is another address than IPv4 loopback.
    expectHonoured(await inEachDialect(t.demo, v6.token, '::1'));
    expectRefused(await inEachDialect(t.demo, v6.token), 'unauthorizedIpAddress', 403);
    expectRefused(await inEachDialect(t.demo, v4.token, '::1'), 'unauthorizedIpAddress', 403);
  });

  it('refuses a list with an entry that is not an address or range, naming it, and creates nothing', async () => {
    const before = await holdings(t.demo.accountId);
    const create = (allowedIpAddresses: unknown) =>
      api(url('/manage/v1/tokens'), { token: t.demo.token, body: { name: 'bad list', roles: ['ADMIN'], allowedIpAddresses } });
    const bad = await create(['203.0.113.0/24', '203.0.113.300', 'fe80::1::2', '10.0.0.0/33']);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.json.title).toBe('invalidRequest');
    for (const entry of ['203.0.113.300', 'fe80::1::2', '10.0.0.0/33']) expect(bad.json.detail).toContain(entry);
    expect(bad.json.detail).not.toContain('"203.0.113.0/24"');
    for (const wrong of [[], Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`), ['10.0.0.1', 7], '10.0.0.1', [' 10.0.0.1'], ['']]) {
      const r = await create(wrong);
      expect(r.status, JSON.stringify(wrong)).toBe(400);
      expect(r.json.title).toBe('invalidRequest');
    }
    expect(await holdings(t.demo.accountId)).toEqual(before);
  });

  it('refusals of a real token are not counted as guessing; unknown tokens still are', async () => {
    const limited = await newToken({ name: 'counted?', allowedIpAddresses: ['203.0.113.1'] });
    const call = (token: string, from: string) => api(url('/manage/v1/tokens'), { token, headers: { 'x-forwarded-for': from } });
    // More refusals than the limit of failed tokens allows, from one address: each still says why.
    for (let i = 0; i < 5; i++) {
      const r = await call(limited.token, '198.51.100.40');
      expect(r.status).toBe(403);
      expect(r.json.title).toBe('unauthorizedIpAddress');
    }
    expect((await call(t.demo.token, '198.51.100.40')).status).toBe(200);
    // Unknown tokens from that address are counted: the fourth is refused before any lookup.
    for (let i = 0; i < 3; i++) expect((await call(`vch_unknown-token-${i}`, '198.51.100.40')).json.title).toBe('invalidApiToken');
    expect((await call('vch_unknown-token-over', '198.51.100.40')).status).toBe(429);
  });
});

describe('a suspended account', () => {
  it('has every token refused in every dialect until it is activated, and the refusals change nothing', async () => {
    const acme = await t.app.bootstrap();
    const apiMade = await newToken({ name: 'second' }, acme.token);
    const accounts = t.app.running.container.accounts;
    expect(await setAccountStatus(accounts, acme.accountId, 'suspended')).toMatchObject({ changed: true });
    expect(await setAccountStatus(accounts, acme.accountId, 'suspended')).toMatchObject({ changed: false });

    const before = await holdings(acme.accountId);
    expect(before.status).toBe('suspended');
    expectRefused(await inEachDialect(acme, acme.token), 'unauthorizedAccountStatus', 403);
    expectRefused(await inEachDialect(acme, apiMade.token), 'unauthorizedAccountStatus', 403);
    expect(await holdings(acme.accountId)).toEqual(before);
    // Other accounts are untouched.
    expectHonoured(await inEachDialect(t.demo, t.demo.token));

    await setAccountStatus(accounts, acme.accountId, 'active');
    expectHonoured(await inEachDialect(acme, acme.token));
    expectHonoured(await inEachDialect(acme, apiMade.token));
  });

  it('cannot be changed when it does not exist', async () => {
    await expect(setAccountStatus(t.app.running.container.accounts, 'f'.repeat(24), 'suspended')).rejects.toMatchObject({
      code: 'notFound',
      status: 404,
    });
  });
});

describe('a disabled user', () => {
  it("has the user's tokens refused until enabled, while the account's other tokens still work", async () => {
    const acme = await t.app.bootstrap(); // its bootstrap token is the demo user's
    const unowned = await newToken({ name: 'no user' }, acme.token);
    const accounts = t.app.running.container.accounts;
    const disabled = await setUserDisabled(accounts, { accountId: acme.accountId, email: DEMO_EMAIL, disabled: true });
    expect(disabled).toMatchObject({ changed: true, disabled: true });

    const before = await holdings(acme.accountId);
    expect(before.users.map((u) => u.disabled_at !== null)).toEqual([true]);
    expectRefused(await inEachDialect(acme, acme.token), 'unauthorizedUser', 401);
    expect(await holdings(acme.accountId)).toEqual(before);
    expectHonoured(await inEachDialect(acme, unowned.token));

    // Emails are matched as the user was created: case and surrounding spaces do not matter.
    await setUserDisabled(accounts, { accountId: acme.accountId, email: ' Demo@Vouch.invalid ', disabled: false });
    expectHonoured(await inEachDialect(acme, acme.token));
    await expect(
      setUserDisabled(accounts, { accountId: acme.accountId, email: 'nobody@example.com', disabled: true }),
    ).rejects.toMatchObject({
      code: 'notFound',
    });
  });

  it('reports a suspended account before a disabled user, and either before an address off the list', async () => {
    const acme = await t.app.bootstrap();
    const accounts = t.app.running.container.accounts;
    const { token } = await newToken({ name: 'all limits' }, acme.token);
    const limited = await newToken({ name: 'elsewhere', allowedIpAddresses: ['203.0.113.9'] }, acme.token);
    await setUserDisabled(accounts, { accountId: acme.accountId, email: DEMO_EMAIL, disabled: true });
    expectRefused(await inEachDialect(acme, acme.token), 'unauthorizedUser', 401);
    await setAccountStatus(accounts, acme.accountId, 'suspended');
    expectRefused(await inEachDialect(acme, acme.token), 'unauthorizedAccountStatus', 403);
    expectRefused(await inEachDialect(acme, limited.token), 'unauthorizedAccountStatus', 403);
    await setAccountStatus(accounts, acme.accountId, 'active');
    expectRefused(await inEachDialect(acme, limited.token), 'unauthorizedIpAddress', 403);
    expectHonoured(await inEachDialect(acme, token));
  });
});

describe('a server that trusts no proxy', () => {
  let direct: TestApp;
  beforeAll(async () => {
    direct = await startTestApp({ TRUST_PROXY: 'false' });
  });
  afterAll(async () => direct?.close());

  it('judges the allow-list by the peer address, not by what X-Forwarded-For claims', async () => {
    const demo = await direct.bootstrap();
    const made = await api(`${direct.url}/manage/v1/tokens`, {
      token: demo.token,
      body: { name: 'office', roles: ['ADMIN'], allowedIpAddresses: ['203.0.113.0/24'] },
    });
    expect(made.status).toBe(201);
    const call = (token: string): Promise<Res> =>
      api(`${direct.url}/rest/v2/report/fields`, { token, headers: { 'x-forwarded-for': '203.0.113.5' } });
    const refused = await call(made.json.token);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ currentStep: 'error', errorIds: ['unauthorizedIpAddress'] });
    expect((await call(demo.token)).status).toBe(200);
  });
});

// The allow-list's reading of addresses, without a server: the forms an operator may write and a socket or
// proxy may report.
describe('which addresses an allow-list admits', () => {
  it.each([
    [['203.0.113.0/24'], '203.0.113.255', true],
    [['203.0.113.0/24'], '203.0.114.0', false],
    [['203.0.113.7'], '::ffff:203.0.113.7', true],
    [['::ffff:203.0.113.7'], '203.0.113.7', true],
    [['::ffff:203.0.113.0/120'], '203.0.113.200', true],
    [['::ffff:cb00:7100/120'], '203.0.113.9', true],
    [['10.0.0.0/8'], '::ffff:a00:1', true],
    [['::ffff:0:0/96'], '198.51.100.1', true],
    [['::/0'], '198.51.100.1', true],
    [['0.0.0.0/0'], '2001:db8::1', false],
    [['0.0.0.0/0'], '198.51.100.1', true],
    [['::1'], '127.0.0.1', false],
    [['127.0.0.1'], '::1', false],
    [['2001:db8::/32'], '2001:DB8:0:0:0:0:0:1', true],
    [['2001:db8::/32'], '2001:db9::', false],
    [['2001:db8:0:0:1::/80'], '2001:db8::1:0:0:5', true],
    [['fe80::/10'], 'fe80::1%eth0', true],
    [['::'], '::', true],
    [['203.0.113.7'], null, false],
    [['203.0.113.7'], 'not an address', false],
  ])('%j admits %s: %s', (list, address, admitted) => {
    expect(addressAllowed(list, address)).toBe(admitted);
  });

  it('admits any address, known or not, without a list', () => {
    expect(addressAllowed(null, '198.51.100.1')).toBe(true);
    expect(addressAllowed(null, null)).toBe(true);
  });

  it('names the entries that are neither an address nor a CIDR range', () => {
    const good = [
      '192.0.2.1',
      '192.0.2.0/24',
      '0.0.0.0/0',
      '::',
      '::/0',
      '::1/128',
      '1:2:3:4:5:6:7::',
      '::ffff:192.0.2.1',
      '2001:db8::192.0.2.1',
    ];
    const bad = ['192.0.2.256', '01.2.3.4', '192.0.2.1/33', '192.0.2.0/', '192.0.2.0/08', '::1/129', '1::2::3', '1:2:3:4:5:6:7:8:9'];
    const worse = ['fe80::1%eth0', ' 192.0.2.1', '192.0.2.1/24/8', 'localhost', '', ':1::', '1:2:3:4:5:6:7:', '12345::'];
    expect(invalidEntries([...good, ...bad, ...worse])).toEqual([...bad, ...worse]);
  });
});
