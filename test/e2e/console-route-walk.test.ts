import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, ROLES, type Principal, type Role } from '../../src/shared/principal.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type ConsoleSession, consoleSession } from '../support/console.ts';

/**
 * Walks every console route the server declares: without a session, with a session of each role, and with
 * ids that belong to another account. What each may do is read from the route's own declaration, so a route
 * added later is walked too.
 */
let app: TestApp;
let mine: Awaited<ReturnType<TestApp['bootstrap']>>;
let theirs: Awaited<ReturnType<TestApp['bootstrap']>>;
const sessions = new Map<Role, ConsoleSession>();

beforeAll(async () => {
  app = await startTestApp();
  mine = await app.bootstrap();
  theirs = await app.bootstrap();
  for (const role of ROLES)
    sessions.set(role, await consoleSession(app.url, app.running.container, { accountId: mine.accountId, roles: [role] }));
});
afterAll(async () => app?.close());

/** Routes open without a session: the sign-in and password-link pages and the assets. */
const OPEN = /^\/console\/(sign-in|reset|invitation|assets)(\/|$)|^\/console\/sign-out$/;

function consoleRoutes() {
  return app.running.app.declaredRoutes().filter((r) => r.url.startsWith('/console') && !OPEN.test(r.url));
}

/** The same without the route that ends every session of its caller (walked without a session only). */
const walkedWithSession = () => consoleRoutes().filter((r) => r.url !== '/console/sign-out-everywhere');

/** A path for a route pattern, its parameters filled with ids of `account` (or plausible ones). */
function pathOf(pattern: string, ids: { verificationId: string; userId: string }) {
  return pattern
    .replace(':kind', 'verification')
    .replace(/:(verificationId|id|itemId)\b/g, ids.verificationId)
    .replace(':userId', ids.userId)
    .replace(/:[A-Za-z]+/g, 'x'.repeat(24));
}

const send = (method: string, path: string, s?: ConsoleSession) =>
  fetch(`${app.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(s ? { cookie: s.cookie } : {}),
      ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded', origin: app.url }),
    },
    body: method === 'GET' ? undefined : new URLSearchParams(s ? { _csrf: s.csrf } : {}).toString(),
  });

describe('every console route', () => {
  it('sends a request without a session to sign in, and changes nothing', async () => {
    const routes = consoleRoutes();
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) {
      const res = await send(r.method, pathOf(r.url, { verificationId: 'a'.repeat(24), userId: 'b'.repeat(24) }));
      expect([r.method, r.url, res.status, res.headers.get('location')?.startsWith('/console/sign-in')]).toEqual([
        r.method,
        r.url,
        303,
        true,
      ]);
    }
  });

  it('opens to exactly the roles it declares (ADMIN holds every role)', async () => {
    for (const r of walkedWithSession()) {
      if (!Array.isArray(r.rails.access)) continue;
      const roles = r.rails.access as readonly Role[];
      for (const [role, s] of sessions) {
        const principal: Principal = { accountId: mine.accountId, tokenId: 'x', clientId: null, roles: [role] };
        const allowed = roles.some((want) => hasRole(principal, want));
        const res = await send(r.method, pathOf(r.url, { verificationId: 'c'.repeat(24), userId: s.userId }), s);
        if (allowed) expect([r.method, r.url, role, res.status]).not.toEqual([r.method, r.url, role, 403]);
        else expect([r.method, r.url, role, res.status]).toEqual([r.method, r.url, role, 403]);
      }
    }
  });

  it("never shows or changes another account's records", async () => {
    const admin = sessions.get('ADMIN')!;
    // A verification and a person of the other account.
    const started = await fetch(`${app.url}/rest/v2/verification`, {
      method: 'POST',
      headers: { authorization: `Bearer ${theirs.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ programId: theirs.programs.student }),
    });
    const { verificationId } = (await started.json()) as { verificationId: string };
    const theirVerification = () =>
      fetch(`${app.url}/rest/v2/verification/${verificationId}`, { headers: { authorization: `Bearer ${theirs.token}` } }).then((r) =>
        r.text(),
      );
    const before = await theirVerification();
    const stranger = await consoleSession(app.url, app.running.container, { accountId: theirs.accountId, roles: ['VIEWER'] });
    for (const r of walkedWithSession()) {
      if (!/:/.test(r.url)) continue;
      const res = await send(r.method, pathOf(r.url, { verificationId, userId: stranger.userId }), admin);
      // A page about it is refused; a change is refused, or is a no-op that leads back to a page of one's own.
      const outcome =
        res.status >= 400 && res.status < 500
          ? 'refused'
          : r.method !== 'GET' && res.status === 303 && !res.headers.get('location')?.includes('sign-in')
            ? 'refused'
            : res.status;
      expect([r.method, r.url, outcome]).toEqual([r.method, r.url, 'refused']);
    }
    // Nothing of theirs changed: the verification reads the same, and their person still signs in as a VIEWER.
    expect(await theirVerification()).toBe(before);
    const page = await fetch(`${app.url}/console`, { headers: { cookie: stranger.cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('href="/console/review"');
  });
});
