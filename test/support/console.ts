import { createHmac, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Container } from '../../src/main/container.ts';
import { ensureUser, setPassword } from '../../src/modules/accounts/index.ts';
import type { Role } from '../../src/shared/principal.ts';

export interface ConsoleSession {
  /** The Cookie header to send (`vouch_session=...`). */
  cookie: string;
  /** The session's CSRF token, for the `_csrf` field of forms. */
  csrf: string;
  userId: string;
  email: string;
  password: string;
}

/** A person of the account with these roles and a password (created for the test), not yet signed in. */
export async function consolePerson(container: Container, input: { accountId: string; roles: Role[]; email?: string }) {
  const email = input.email ?? `person-${randomBytes(4).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const { id: userId } = await ensureUser(container.accounts, input.accountId, email, input.roles);
  await setPassword(container.accounts, { accountId: input.accountId, userId, password });
  return { userId, email, password };
}

/** The session cookie a sign-in answer set, as a Cookie header; throws when there is none. */
export function sessionCookieOf(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('vouch_session=') && !/Max-Age=0/i.test(c));
  if (!set) throw new Error(`no session cookie in the answer (status ${res.status})`);
  return set.split(';')[0];
}

/** The CSRF token of the first console form of a page. */
export const csrfOf = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field on the page');
  return m[1];
};

/** Posts a console form (urlencoded) as the browser would: same-origin, with the session's cookie. */
export function postForm(baseUrl: string, path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl };
  if (cookie) headers.cookie = cookie;
  return fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
}

/** A person with these roles, signed in over HTTP through the sign-in form (no second factor). */
export async function consoleSession(
  baseUrl: string,
  container: Container,
  input: { accountId: string; roles: Role[]; email?: string },
): Promise<ConsoleSession> {
  const person = await consolePerson(container, input);
  const res = await postForm(baseUrl, '/console/sign-in', { email: person.email, password: person.password, next: '/console/security' });
  const cookie = sessionCookieOf(res);
  const page = await fetch(`${baseUrl}/console/security`, { headers: { cookie } });
  return { ...person, cookie, csrf: csrfOf(await page.text()) };
}

/** Signs in through the sign-in page in Chromium, and waits for the page it leads to. */
export async function signInInBrowser(page: Page, baseUrl: string, person: { email: string; password: string }, next = '/console') {
  await page.goto(`${baseUrl}/console/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/console/sign-in')),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
}

/** The RFC 6238 code of a base32 secret at a time (SHA-1, 30 s, 6 digits), written here independently of Vouch's own. */
export function totpCode(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
