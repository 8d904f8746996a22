import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginTotpEnrolment, confirmTotpEnrolment, PeopleRepository } from '../../src/modules/accounts/index.ts';
import { parseCsv } from '../../src/shared/csv.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { consolePerson, consoleSession, postForm, sessionCookieOf, totpCode, type ConsoleSession } from '../support/console.ts';

let app: TestApp;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
let admin: ConsoleSession;

beforeAll(async () => {
  app = await startTestApp();
  demo = await app.bootstrap();
  admin = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
});
afterAll(async () => {
  await app?.close();
});

const get = (path: string, cookie: string) => fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });
const apiSettings = async () => (await api(`${app.url}/manage/v1/settings`, { token: demo.token })).json;
/** The value of a page's input by name. */
const inputValue = (html: string, name: string) => {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  // An empty value is rendered without the attribute.
  return input === undefined ? undefined : (/value="([^"]*)"/.exec(input)?.[1] ?? '');
};
/** The rows of a page's table (what it lists, without the header, the navigation or the signed-in person). */
const tableRows = (html: string) => (/<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '').split('<tr').slice(1);
const GOOD = {
  linkLifetimeHours: '48',
  reportLifetimeDays: '10',
  reportWarningDays: '3',
  clientValidityDays: '90',
  reportAuditDays: '30',
  defaultLanguage: 'fr',
  timeZone: 'America/Toronto',
};

describe('console account settings', () => {
  it('shows the settings, and a change saved there is what the management API answers', async () => {
    const before = await apiSettings();
    const page = await get('/console/account', admin.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(inputValue(html, 'linkLifetimeHours')).toBe(String(before.linkLifetimeHours));
    // Retention set elsewhere, read-only: each program's documents.
    expect(html).toContain('Set elsewhere');
    expect(html).toMatch(/<td>Demo student program<\/td><td>when decided<\/td>/);

    const saved = await postForm(app.url, '/console/account/settings', { _csrf: admin.csrf, ...GOOD }, admin.cookie);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Settings saved.');
    expect(await apiSettings()).toMatchObject({
      linkLifetimeHours: 48,
      reportLifetimeDays: 10,
      reportWarningDays: 3,
      clientValidityDays: 90,
      reportAuditDays: 30,
      defaultLanguage: 'fr',
      timeZone: 'America/Toronto',
    });
    const shown = await (await get('/console/account', admin.cookie)).text();
    expect(inputValue(shown, 'timeZone')).toBe('America/Toronto');
    expect(shown).toMatch(/<option value="fr" selected[^>]*>French<\/option>/);
  });

  it('refuses bad values with their reasons beside the form, keeps what was typed, and changes nothing', async () => {
    await postForm(app.url, '/console/account/settings', { _csrf: admin.csrf, ...GOOD }, admin.cookie);
    const before = await apiSettings();
    const cases: [Record<string, string>, RegExp][] = [
      [{ reportLifetimeDays: '99' }, /id="s-reportLifetimeDays-error">[^<]*(14|small|big)/i],
      [{ linkLifetimeHours: 'abc' }, /id="s-linkLifetimeHours-error">Enter a whole number/],
      [{ clientValidityDays: '' }, /id="s-clientValidityDays-error">Enter a number/],
      [{ timeZone: 'Mars/Olympus' }, /id="s-timeZone-error">[^<]*IANA time zone/],
      [{ timeZone: '' }, /id="s-timeZone-error">Enter a time zone/],
      [
        { reportWarningDays: '10' },
        /reportWarningDays must be less than reportLifetimeDays[\s\S]*id="s-reportWarningDays-error">Must be fewer days/,
      ],
    ];
    for (const [change, reason] of cases) {
      const res = await postForm(app.url, '/console/account/settings', { _csrf: admin.csrf, ...GOOD, ...change }, admin.cookie);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(reason);
      expect(html).toContain('role="alert"');
      const [name, typed] = Object.entries(change)[0];
      expect(inputValue(html, name)).toBe(typed);
      expect(await apiSettings()).toEqual(before);
    }
  });
});

describe('console audit log', () => {
  it('filters by action, names the person who acted by email, and pages', async () => {
    await postForm(app.url, '/console/account/settings', { _csrf: admin.csrf, ...GOOD }, admin.cookie);
    const all = await (await get('/console/account/audit', admin.cookie)).text();
    expect(all).toContain('console.settings-changed');

    const filtered = await get('/console/account/audit?action=console.settings-changed', admin.cookie);
    expect(filtered.status).toBe(200);
    const html = await filtered.text();
    const rows = tableRows(html);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toContain('>console.settings-changed</code>');
      expect(row).toContain(admin.email);
    }

    // By actor's email: only that person's entries.
    const other = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
    await get('/console/account/audit', other.cookie);
    const mine = tableRows(await (await get(`/console/account/audit?actor=${encodeURIComponent(other.email)}`, admin.cookie)).text());
    expect(mine.length).toBeGreaterThan(0);
    for (const row of mine) {
      expect(row).toContain(other.email);
      expect(row).not.toContain(admin.email);
    }
    const nobody = await (await get('/console/account/audit?actor=nobody%40example.test', admin.cookie)).text();
    expect(nobody).toContain('Nobody in this account has that email.');

    // Bad filters are refused in words, not a 500.
    const bad = await get('/console/account/audit?from=2026-13-40', admin.cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The from date must be a date');

    // Paging: more than a page of entries gives a next page, older than the first.
    for (let i = 0; i < 51; i++) await get('/console/account/audit?action=none', admin.cookie);
    const first = await (await get('/console/account/audit?action=console.audit-read', admin.cookie)).text();
    const next = /href="(\/console\/account\/audit\?action=console\.audit-read&amp;before=\d+)"/.exec(first)?.[1];
    expect(next).toBeTruthy();
    const second = await (await get(next!.replaceAll('&amp;', '&'), admin.cookie)).text();
    expect(second).toContain('First page');
    expect(second).toContain('>console.audit-read</code>');
  });

  it('exports the filtered entries as a CSV attachment, a formula-like value defused', async () => {
    // A subject id an attacker chose (a path segment) lands in the log: the export must not run it.
    const formula = '=SUM(1,2)';
    const refused = await postForm(
      app.url,
      `/console/account/people/${encodeURIComponent(formula)}/reset-second-factor`,
      { _csrf: admin.csrf },
      admin.cookie,
    );
    expect(refused.status).toBe(404);

    const res = await get('/console/account/audit/export.csv?action=console.second-factor-reset', admin.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log\.csv"$/);
    const text = await res.text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'at',
      'action',
      'actor_type',
      'actor',
      'subject_type',
      'subject_id',
      'outcome',
      'method',
      'route',
      'request_id',
    ]);
    const row = rows.find((r) => r[1] === 'console.second-factor-reset');
    expect(row).toBeTruthy();
    expect(row![3]).toBe(admin.email);
    expect(row![5]).toBe(`'${formula}`);
    expect(rows.slice(1).every((r) => r[1] === 'console.second-factor-reset')).toBe(true);
    // Reading the export is itself recorded.
    const log = await (await get('/console/account/audit?action=console.audit-exported', admin.cookie)).text();
    expect(log).toContain('>console.audit-exported</code>');
  });
});

describe('console second-factor reset', () => {
  it("removes another person's authenticator app and passkeys: their next sign-in needs only the password", async () => {
    const c = app.running.container;
    const person = await consolePerson(c, { accountId: demo.accountId, roles: ['REVIEWER'] });
    const { secret } = await beginTotpEnrolment(c.accounts, { accountId: demo.accountId, userId: person.userId });
    await confirmTotpEnrolment(c.accounts, { accountId: demo.accountId, userId: person.userId, code: totpCode(secret) });
    await new PeopleRepository(c.store.db).insertPasskey({
      id: `pk-${person.userId}`,
      account_id: demo.accountId,
      user_id: person.userId,
      credential_id: `cred-${person.userId}`,
      public_key: 'AAAA',
      counter: 0,
      transports: null,
      created_at: new Date(),
    });

    const before = await postForm(app.url, '/console/sign-in', { email: person.email, password: person.password });
    expect(before.status).toBe(200);
    expect(before.headers.getSetCookie()).toEqual([]);
    expect(await before.text()).toMatch(/name="challenge"/);

    const reset = await postForm(
      app.url,
      `/console/account/people/${person.userId}/reset-second-factor`,
      { _csrf: admin.csrf },
      admin.cookie,
    );
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain(`Removed the authenticator app and 1 passkey of ${person.email}.`);

    const after = await postForm(app.url, '/console/sign-in', { email: person.email, password: person.password, next: '/console' });
    expect(after.status).toBe(303);
    expect(sessionCookieOf(after)).toMatch(/^vouch_session=/);

    const log = await (await get(`/console/account/audit?subject=${person.userId}`, admin.cookie)).text();
    for (const action of ['console.second-factor-reset', 'user.totp-removed', 'user.passkeys-removed'])
      expect(log).toContain(`>${action}</code>`);
  });

  it("refuses one's own reset, and another account's person is not found", async () => {
    const own = await postForm(app.url, `/console/account/people/${admin.userId}/reset-second-factor`, { _csrf: admin.csrf }, admin.cookie);
    expect(own.status).toBe(409);
    expect(await own.text()).toContain('You cannot reset your own second factor here');

    const elsewhere = await app.bootstrap();
    const stranger = await consolePerson(app.running.container, { accountId: elsewhere.accountId, roles: ['REVIEWER'] });
    const res = await postForm(
      app.url,
      `/console/account/people/${stranger.userId}/reset-second-factor`,
      { _csrf: admin.csrf },
      admin.cookie,
    );
    expect(res.status).toBe(404);
  });
});

describe('console account access', () => {
  it('is for administrators only', async () => {
    const reviewer = await consoleSession(app.url, app.running.container, {
      accountId: demo.accountId,
      roles: ['REVIEWER', 'VERIFIER', 'VIEWER'],
    });
    for (const path of ['/console/account', '/console/account/audit', '/console/account/audit/export.csv']) {
      expect((await get(path, reviewer.cookie)).status).toBe(403);
    }
    const post = await postForm(app.url, '/console/account/settings', { _csrf: reviewer.csrf, ...GOOD }, reviewer.cookie);
    expect(post.status).toBe(403);
    const reset = await postForm(
      app.url,
      `/console/account/people/${admin.userId}/reset-second-factor`,
      { _csrf: reviewer.csrf },
      reviewer.cookie,
    );
    expect(reset.status).toBe(403);
  });
});
