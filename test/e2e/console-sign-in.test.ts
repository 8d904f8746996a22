import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { consolePerson, consoleSession, csrfOf, postForm, sessionCookieOf, totpCode } from '../support/console.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

let app: TestApp;
let sink: SmtpSink;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: sink.url });
  demo = await app.bootstrap();
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

const get = (path: string, cookie?: string) => fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

async function auditActions(accountId: string): Promise<string[]> {
  const rows = await app.running.container.store.db.selectFrom('audit_log').select('action').where('account_id', '=', accountId).execute();
  return rows.map((r) => r.action);
}

describe('console sign-in', () => {
  it('sends a request without a session to the sign-in page, and back to where it was going', async () => {
    const res = await get('/console/verifications?step=pending');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Fverifications%3Fstep%3Dpending');
    const page = await get('/console/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(await page.text()).toContain('Sign in to Vouch');
  });

  it('signs in with a password: a fresh HttpOnly, SameSite=Lax cookie for the console only, then the page asked for', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['REVIEWER'] });
    const res = await postForm(app.url, '/console/sign-in', { email: person.email, password: person.password, next: '/console/security' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/security');
    const set = res.headers.getSetCookie().join('\n');
    expect(set).toMatch(/vouch_session=[A-Za-z0-9_-]{40,}; Path=\/console; HttpOnly; SameSite=Lax/);
    const cookie = sessionCookieOf(res);
    const overview = await get('/console', cookie);
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain(person.email);
    // Navigation by role: a reviewer sees Review, not People.
    expect(html).toContain('href="/console/review"');
    expect(html).not.toContain('href="/console/users"');
    expect(await auditActions(demo.accountId)).toContain('user.sign-in');
  });

  it('refuses a wrong password and an unknown email in the same words, sets no cookie, and records the failure', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    const wrong = await postForm(app.url, '/console/sign-in', { email: person.email, password: 'not-the-password-at-all' });
    const unknown = await postForm(app.url, '/console/sign-in', { email: 'nobody@example.test', password: 'not-the-password-at-all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    const message = (html: string) => /<p class="error">([^<]+)<\/p>/.exec(html)?.[1];
    expect(message(a)).toBeTruthy();
    expect(message(a)).toBe(message(b));
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(await auditActions(demo.accountId)).toContain('user.sign-in-failed');
  });

  it('never redirects to another site after sign-in', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    for (const next of ['https://evil.example/', '//evil.example/console', '/console\\@evil.example']) {
      const res = await postForm(app.url, '/console/sign-in', { email: person.email, password: person.password, next });
      expect(res.headers.get('location')).toBe('/console');
    }
  });

  it('refuses a sign-in form posted from another site', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    const res = await fetch(`${app.url}/console/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ email: person.email, password: person.password }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a change without the session CSRF token, and changes nothing', async () => {
    const admin = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
    const email = `csrf-${Date.now()}@example.test`;
    const res = await postForm(app.url, '/console/users/invite', { email, 'role.VIEWER': 'on' }, admin.cookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('reload the page');
    const people = await (await get('/console/users', admin.cookie)).text();
    expect(people).not.toContain(email);
  });

  it('ends the session at sign-out: the same cookie opens nothing afterwards', async () => {
    const s = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    expect((await get('/console', s.cookie)).status).toBe(200);
    const out = await postForm(app.url, '/console/sign-out', { _csrf: s.csrf }, s.cookie);
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    expect((await get('/console', s.cookie)).status).toBe(303);
  });

  it('signs out everywhere: every session of the person ends', async () => {
    const first = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    const again = await postForm(app.url, '/console/sign-in', { email: first.email, password: first.password });
    const second = sessionCookieOf(again);
    expect(second).not.toBe(first.cookie);
    await postForm(app.url, '/console/sign-out-everywhere', { _csrf: first.csrf }, first.cookie);
    expect((await get('/console', first.cookie)).status).toBe(303);
    expect((await get('/console', second)).status).toBe(303);
  });

  it('does not open console pages with an API token', async () => {
    const res = await fetch(`${app.url}/console/users`, { headers: { authorization: `Bearer ${demo.token}` }, redirect: 'manual' });
    expect(res.status).toBe(303);
  });

  it('throttles repeated failures for a person, even when the right password follows', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    let last = 0;
    for (let i = 0; i < 6; i++)
      last = (await postForm(app.url, '/console/sign-in', { email: person.email, password: `wrong-${i}-password` })).status;
    expect(last).toBe(429);
    const right = await postForm(app.url, '/console/sign-in', { email: person.email, password: person.password });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(right.headers.getSetCookie()).toEqual([]);
  });
});

describe('console second factor', () => {
  it('turns on an authenticator app, then asks for its code at sign-in; a wrong or replayed code is refused', async () => {
    const s = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['REVIEWER'] });
    const started = await postForm(app.url, '/console/security/totp', { _csrf: s.csrf }, s.cookie);
    const html = await started.text();
    const secret = /id="totp-secret">([A-Z2-7=]+)</.exec(html)?.[1];
    expect(secret).toBeTruthy();
    expect(html).toContain('otpauth://totp/');
    const bad = await postForm(
      app.url,
      '/console/security/totp/confirm',
      { _csrf: s.csrf, code: '000000' === totpCode(secret!) ? '111111' : '000000' },
      s.cookie,
    );
    expect(bad.status).toBe(400);
    const confirmed = await postForm(app.url, '/console/security/totp/confirm', { _csrf: s.csrf, code: totpCode(secret!) }, s.cookie);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('asks for a code');

    // Next sign-in: the password alone gives no session, only the code step.
    const first = await postForm(app.url, '/console/sign-in', { email: s.email, password: s.password });
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie()).toEqual([]);
    const challenge = /name="challenge" value="([^"]+)"/.exec(await first.text())?.[1];
    expect(challenge).toBeTruthy();
    const wrong = await postForm(app.url, '/console/sign-in/code', { challenge: challenge!, code: '12345x' });
    expect(wrong.status).toBe(401);
    // A step later than the one confirmed at enrolment: a code is accepted once.
    const code = totpCode(secret!, Date.now() + 30_000);
    const ok = await postForm(app.url, '/console/sign-in/code', { challenge: challenge!, code });
    expect(ok.status).toBe(303);
    expect(sessionCookieOf(ok)).toMatch(/^vouch_session=/);
    const again = await postForm(app.url, '/console/sign-in', { email: s.email, password: s.password });
    const challenge2 = /name="challenge" value="([^"]+)"/.exec(await again.text())?.[1];
    const replay = await postForm(app.url, '/console/sign-in/code', { challenge: challenge2!, code });
    expect(replay.status).toBe(401);
  });
});

describe('console people', () => {
  it('invites a person by email; the link sets a password once and signs them in with the roles given', async () => {
    const admin = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
    const email = `invited-${Date.now()}@example.test`;
    const res = await postForm(app.url, '/console/users/invite', { _csrf: admin.csrf, email, 'role.REVIEWER': 'on' }, admin.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Invitation sent to ${email}`);
    const mail = await sink.waitForText('/console/invitation/');
    const link = /https?:\/\/\S+\/console\/invitation\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;
    const page = await get(path);
    expect(await page.text()).toContain(email);
    const weak = await postForm(app.url, path, { password: 'short' });
    expect(weak.status).toBe(400);
    const set = await postForm(app.url, path, { password: 'a long enough password for this' });
    expect(set.status).toBe(303);
    const cookie = sessionCookieOf(set);
    const overview = await (await get('/console', cookie)).text();
    expect(overview).toContain('href="/console/review"');
    // Single use.
    expect((await postForm(app.url, path, { password: 'another long password here' })).status).toBe(410);
    expect((await get(path)).status).toBe(410);
  });

  it('resets a forgotten password by a mailed link, with the same answer for an unknown address', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['VIEWER'] });
    const known = await postForm(app.url, '/console/reset', { email: person.email });
    const unknown = await postForm(app.url, '/console/reset', { email: 'nobody-here@example.test' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const text = (html: string) => html.replace(/nonce="[^"]*"/g, '');
    expect(text(await known.text())).toBe(text(await unknown.text()));
    const mail = await sink.waitForText('/console/reset/');
    expect(mail.to.join()).toContain(person.email);
    const path = new URL(/https?:\/\/\S+\/console\/reset\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname;
    const done = await postForm(app.url, path, { password: 'my brand new console password' });
    expect(done.status).toBe(303);
    const old = await postForm(app.url, '/console/sign-in', { email: person.email, password: person.password });
    expect(old.status).toBe(401);
    const fresh = await postForm(app.url, '/console/sign-in', { email: person.email, password: 'my brand new console password' });
    expect(fresh.status).toBe(303);
  });

  it('changes roles (audited) and keeps at least one administrator', async () => {
    const { account } = await (await import('../../src/modules/accounts/index.ts')).ensureAccount(
      app.running.container.accounts,
      `Roles ${Date.now()}`,
    );
    const admin = await consoleSession(app.url, app.running.container, { accountId: account.id, roles: ['ADMIN'] });
    const other = await consolePerson(app.running.container, { accountId: account.id, roles: ['VIEWER'] });
    const changed = await postForm(
      app.url,
      `/console/users/${other.userId}/roles`,
      { _csrf: admin.csrf, 'role.REVIEWER': 'on' },
      admin.cookie,
    );
    expect(changed.status).toBe(200);
    expect(await auditActions(account.id)).toContain('user.roles-changed');
    const last = await postForm(app.url, `/console/users/${admin.userId}/roles`, { _csrf: admin.csrf, 'role.VIEWER': 'on' }, admin.cookie);
    expect(last.status).toBe(409);
    // Still an administrator.
    expect((await get('/console/users', admin.cookie)).status).toBe(200);
  });

  it('refuses the People page to non-administrators and another account’s people to an administrator', async () => {
    const reviewer = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['REVIEWER'] });
    expect((await get('/console/users', reviewer.cookie)).status).toBe(403);
    const other = await app.bootstrap();
    const stranger = await consolePerson(app.running.container, { accountId: other.accountId, roles: ['VIEWER'] });
    const admin = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
    const res = await postForm(app.url, `/console/users/${stranger.userId}/roles`, { _csrf: admin.csrf, 'role.ADMIN': 'on' }, admin.cookie);
    expect([403, 404]).toContain(res.status);
    const strangerIn = await postForm(app.url, '/console/sign-in', { email: stranger.email, password: stranger.password });
    const html = await (await get('/console', sessionCookieOf(strangerIn))).text();
    expect(html).not.toContain('href="/console/users"');
    expect(csrfOf(html)).toBeTruthy();
  });
});
