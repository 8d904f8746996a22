import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountsRepository,
  type AccountsDeps,
  beginTotpEnrolment,
  changeRoles,
  completeSecondFactor,
  confirmTotpEnrolment,
  ensureAccount,
  ensureUser,
  findUserByEmail,
  inviteUser,
  linkInfo,
  listUsers,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  PeopleRepository,
  type PeopleAuditEvent,
  redeemLink,
  removeTotp,
  requestPasswordReset,
  resolveSession,
  setAccountStatus,
  setPassword,
  setUserDisabled,
  signIn,
  signInWithPasskey,
  signOut,
  signOutEverywhere,
  verifyPasskeyRegistration,
} from '../../src/modules/accounts/index.ts';
import { base32Decode, totp } from '../../src/modules/accounts/domain/totp.ts';
import { createSecretBox } from '../../src/platform/crypto/index.ts';
import { migrate, openStore, type Store } from '../../src/platform/db/index.ts';
import { createMailer, type Mailer } from '../../src/platform/mail/index.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { AppError } from '../../src/shared/errors.ts';
import { randomIds } from '../../src/shared/ids.ts';
import { seedDataDir } from '../support/pglite-template.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

const PUBLIC_URL = 'http://localhost:8443';
const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';

let store: Store;
let sink: SmtpSink;
let mailer: Mailer;
let pg: Awaited<ReturnType<typeof createPostgresDatabase>> | null = null;
let dataDir: string;
const clock = fixedClock(new Date('2026-12-07T12:00:00Z'));
const audits: PeopleAuditEvent[] = [];
let deps: AccountsDeps;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-console-people-'));
  pg = TEST_STORE === 'postgres' ? await createPostgresDatabase() : null;
  if (!pg) await seedDataDir(dataDir);
  store = await openStore(pg ? { databaseUrl: pg.url } : { dataDir });
  await migrate(store);
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, outboxDir: path.join(dataDir, 'outbox'), from: 'Vouch <no-reply@vouch.test>' });
  deps = {
    repo: new AccountsRepository(store.db),
    people: new PeopleRepository(store.db),
    ids: randomIds,
    clock,
    box: createSecretBox(randomBytes(32)),
    oauthTokenTtlSeconds: 3600,
    mailer,
    publicUrl: PUBLIC_URL,
    sessions: { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE },
    audit: async (e) => {
      audits.push(e);
    },
  };
});

afterAll(async () => {
  await mailer?.close();
  await sink?.close();
  await store?.close();
  await pg?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
let n = 0;
/** A fresh account, a fresh email address and client address for each test: the throttle keys on them. */
const fresh = async () => {
  n += 1;
  const { account } = await ensureAccount(deps, `Console people ${randomBytes(4).toString('hex')}`);
  return { accountId: account.id, email: `person${n}.${randomBytes(3).toString('hex')}@example.org`, ip: `203.0.113.${n}` };
};

/** A user of the account with a password, as the command line makes one. */
async function person(accountId: string, email: string, roles: string[] = ['ADMIN'], password = PASSWORD) {
  const user = await ensureUser(deps, accountId, email, roles as never);
  await setPassword(deps, { accountId, userId: user.id, password });
  return user.id;
}

async function session(email: string, ip: string, password = PASSWORD) {
  const r = await signIn(deps, { email, password, ip });
  if (r.kind !== 'session') throw new Error(`expected a session, got ${r.kind}`);
  return r.session;
}

/** The link token of the `count`-th mail of a kind sent to `email`, once it has arrived over SMTP. */
async function mailedToken(email: string, kind: 'invitation' | 'reset', count = 1) {
  const mails = await until(
    async () => sink.messages.filter((m) => m.to.includes(email) && m.text.includes(`/console/${kind}/`)),
    (list) => list.length >= count,
  );
  const mail = mails[count - 1];
  const match = mail.text.match(new RegExp(`${PUBLIC_URL}/console/${kind}/(\\S+)`));
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return { token: match[1], mail };
}

describe('password sign-in', () => {
  it('signs in with the right password and resolves the session to the person', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email, ['VERIFIER', 'REPORTER']);
    const issued = await session(email.toUpperCase(), ip);
    expect(issued.token.length).toBeGreaterThanOrEqual(43);
    expect(issued.expiresAt).toEqual(new Date(clock.now().getTime() + 12 * 60 * MINUTE));
    const resolved = await resolveSession(deps, issued.token, ip);
    expect(resolved).toMatchObject({
      principal: { accountId, clientId: null, roles: ['VERIFIER', 'REPORTER'], userId },
      csrf: issued.csrf,
      user: { id: userId, email, roles: ['VERIFIER', 'REPORTER'] },
    });
    expect(resolved?.principal.tokenId).toBe(`session:${resolved?.principal.sessionId}`);
    // Only digests are stored.
    const rows = await store.db.selectFrom('user_sessions').selectAll().where('user_id', '=', userId).execute();
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(JSON.stringify(rows)).not.toContain(issued.csrf);
    expect(audits.filter((a) => a.subject?.id === userId).map((a) => a.action)).toContain('user.sign-in');
    expect((await findUserByEmail(deps, accountId, email))?.lastSignInAt).toEqual(clock.now());
  });

  it('answers the same for an unknown email and a wrong password, and records only ids', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const unknown = await rejection(signIn(deps, { email: `nobody.${email}`, password: PASSWORD, ip }));
    const wrong = await rejection(signIn(deps, { email, password: 'not the password at all', ip }));
    expect([unknown.status, unknown.code, unknown.message]).toEqual([401, 'signInFailed', wrong.message]);
    expect([wrong.status, wrong.code]).toEqual([401, 'signInFailed']);
    const failed = audits.filter((a) => a.accountId === accountId && a.action === 'user.sign-in-failed');
    expect(failed).toEqual([
      {
        accountId,
        action: 'user.sign-in-failed',
        actor: { type: 'anonymous', id: null },
        subject: { type: 'user', id: userId },
        outcome: 401,
        ip,
      },
    ]);
    expect(JSON.stringify(audits)).not.toContain('@');
    expect(JSON.stringify(audits)).not.toContain(PASSWORD);
  });

  it('finds the user whose password it is when several accounts have the email', async () => {
    const a = await fresh();
    const b = await fresh();
    await person(a.accountId, a.email, ['ADMIN'], 'the password of account A');
    const inB = await person(b.accountId, a.email, ['REVIEWER'], 'the password of account B');
    const issued = await session(a.email, a.ip, 'the password of account B');
    expect((await resolveSession(deps, issued.token, a.ip))?.principal).toMatchObject({
      accountId: b.accountId,
      userId: inB,
      roles: ['REVIEWER'],
    });
  });

  it('refuses a disabled user and a suspended account, and their open sessions', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    const open = await session(email, ip);
    await setUserDisabled(deps, { accountId, email, disabled: true });
    expect((await rejection(signIn(deps, { email, password: PASSWORD, ip }))).code).toBe('signInFailed');
    expect(await resolveSession(deps, open.token, ip)).toBeNull();
    await setUserDisabled(deps, { accountId, email, disabled: false });
    await setAccountStatus(deps, accountId, 'suspended');
    expect((await rejection(signIn(deps, { email, password: PASSWORD, ip }))).code).toBe('signInFailed');
    expect(await resolveSession(deps, open.token, ip)).toBeNull();
    await setAccountStatus(deps, accountId, 'active');
    expect(await resolveSession(deps, open.token, ip)).not.toBeNull();
  });
});

describe('throttling', () => {
  it('after 5 failures for an email refuses even the right password, until the window has passed', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    for (let i = 0; i < 5; i++) {
      expect((await rejection(signIn(deps, { email, password: `wrong password ${i}`, ip }))).code).toBe('signInFailed');
      advance(MINUTE);
    }
    const throttled = await rejection(signIn(deps, { email, password: PASSWORD, ip: '198.51.100.1' }));
    expect([throttled.status, throttled.code]).toEqual([429, 'signInThrottled']);
    // The first failure was 5 minutes ago: it leaves the 15-minute window in 10 minutes.
    expect(throttled.details.retryAfterSeconds).toBe(10 * 60);
    expect(audits.filter((a) => a.subject?.id === userId).map((a) => a.action)).toContain('user.sign-in-throttled');
    advance(10 * MINUTE);
    await session(email, ip);
  });

  it('throttles an unknown email as it does a known one', async () => {
    const { ip } = await fresh();
    const email = `no.one.${randomBytes(3).toString('hex')}@example.org`;
    for (let i = 0; i < 5; i++) await rejection(signIn(deps, { email, password: `wrong password ${i}`, ip }));
    expect((await rejection(signIn(deps, { email, password: PASSWORD, ip }))).code).toBe('signInThrottled');
  });

  it('forgets the failures of an email once its person signs in', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    for (let i = 0; i < 4; i++) await rejection(signIn(deps, { email, password: `wrong password ${i}`, ip }));
    await session(email, ip);
    for (let i = 0; i < 4; i++) await rejection(signIn(deps, { email, password: `wrong password ${i}`, ip }));
    await session(email, ip);
  });

  it('after 20 failures from a client address refuses it, whatever the email; other addresses go on', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    for (let i = 0; i < 20; i++) {
      await rejection(signIn(deps, { email: `guess${i}.${email}`, password: 'wrong password here', ip }));
    }
    expect((await rejection(signIn(deps, { email, password: PASSWORD, ip }))).code).toBe('signInThrottled');
    await session(email, '198.51.100.77');
  });
});

describe('sessions', () => {
  it('ends after the idle limit, and writes last_seen_at at most once a minute', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    const issued = await session(email, ip);
    const lastSeen = async () =>
      (await store.db.selectFrom('user_sessions').select('last_seen_at').where('account_id', '=', accountId).executeTakeFirstOrThrow())
        .last_seen_at;
    const start = await lastSeen();
    advance(30_000);
    expect(await resolveSession(deps, issued.token, ip)).not.toBeNull();
    expect(await lastSeen()).toEqual(start);
    advance(31_000);
    expect(await resolveSession(deps, issued.token, ip)).not.toBeNull();
    expect(await lastSeen()).toEqual(clock.now());
    advance(30 * MINUTE + 1000);
    expect(await resolveSession(deps, issued.token, ip)).toBeNull();
  });

  it('ends after the absolute limit even when in use', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    const issued = await session(email, ip);
    for (let i = 0; i < 12 * 3; i++) {
      advance(20 * MINUTE);
      const alive = await resolveSession(deps, issued.token, ip);
      if (i < 12 * 3 - 1) expect(alive).not.toBeNull();
      else expect(alive).toBeNull();
    }
  });

  it('signs out one session, or every session of the person', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const [a, b, c] = [await session(email, ip), await session(email, ip), await session(email, ip)];
    await signOut(deps, a.token);
    expect(await resolveSession(deps, a.token, ip)).toBeNull();
    expect(await resolveSession(deps, b.token, ip)).not.toBeNull();
    await signOut(deps, a.token);
    expect(await signOutEverywhere(deps, { accountId, userId })).toEqual({ ended: 2 });
    expect(await resolveSession(deps, b.token, ip)).toBeNull();
    expect(await resolveSession(deps, c.token, ip)).toBeNull();
    expect(await resolveSession(deps, 'vcs_not-a-session-token-at-all', ip)).toBeNull();
    const actions = audits.filter((e) => e.subject?.id === userId).map((e) => e.action);
    expect(actions.filter((x) => x === 'user.sign-out')).toHaveLength(1);
    expect(actions).toContain('user.sign-out-everywhere');
  });

  it('reads roles at each request, and keeps an enabled ADMIN in every account', async () => {
    const { accountId, email, ip } = await fresh();
    const admin = await person(accountId, email, ['ADMIN']);
    const issued = await session(email, ip);
    const last = await rejection(changeRoles(deps, { accountId, userId: admin, roles: ['VERIFIER'], by: admin }));
    expect([last.status, last.code]).toEqual([409, 'lastAdmin']);
    const other = await person(accountId, `second.${email}`, ['REPORTER']);
    await changeRoles(deps, { accountId, userId: other, roles: ['ADMIN'], by: admin });
    expect(await changeRoles(deps, { accountId, userId: admin, roles: ['VIEWER', 'REVIEWER'], by: other })).toMatchObject({
      changed: true,
    });
    expect((await resolveSession(deps, issued.token, ip))?.principal.roles).toEqual(['VIEWER', 'REVIEWER']);
    expect((await rejection(changeRoles(deps, { accountId, userId: other, roles: ['NOT_A_ROLE'], by: admin }))).status).toBe(400);
    expect((await rejection(changeRoles(deps, { accountId, userId: other, roles: [], by: admin }))).status).toBe(400);
    expect(audits).toContainEqual({
      accountId,
      action: 'user.roles-changed',
      actor: { type: 'user', id: other },
      subject: { type: 'user', id: admin },
      outcome: 200,
      ip: null,
    });
  });
});

describe('TOTP', () => {
  async function enrolled() {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const { secret, uri } = await beginTotpEnrolment(deps, { accountId, userId });
    expect(uri).toBe(`otpauth://totp/Vouch:${encodeURIComponent(email)}?secret=${secret}&issuer=Vouch`);
    const key = base32Decode(secret) as Buffer;
    expect(key).toHaveLength(20);
    await confirmTotpEnrolment(deps, { accountId, userId, code: totp(key, clock.now()) });
    advance(30_000);
    return { accountId, email, ip, userId, key };
  }

  it('asks for a code after the password, and refuses a wrong one as a failed sign-in', async () => {
    const { accountId, email, ip, userId, key } = await enrolled();
    expect((await listUsers(deps, accountId))[0]).toMatchObject({ id: userId, totp: true, hasPassword: true, passkeys: 0 });
    const first = await signIn(deps, { email, password: PASSWORD, ip });
    if (first.kind !== 'secondFactor') throw new Error('expected a second step');
    expect(first.methods).toEqual(['totp']);
    const good = totp(key, clock.now());
    const wrong = await rejection(
      completeSecondFactor(deps, { challenge: first.challenge, totpCode: good === '000000' ? '111111' : '000000', ip }),
    );
    expect([wrong.status, wrong.code]).toEqual([401, 'signInFailed']);
    const issued = await completeSecondFactor(deps, { challenge: first.challenge, totpCode: good, ip });
    expect((await resolveSession(deps, issued.token, ip))?.principal.userId).toBe(userId);
    // The challenge is used.
    expect((await rejection(completeSecondFactor(deps, { challenge: first.challenge, totpCode: good, ip }))).code).toBe('signInFailed');
    // The same code, with a new challenge, is not taken twice.
    const again = await signIn(deps, { email, password: PASSWORD, ip });
    if (again.kind !== 'secondFactor') throw new Error('expected a second step');
    expect((await rejection(completeSecondFactor(deps, { challenge: again.challenge, totpCode: good, ip }))).code).toBe('signInFailed');
    advance(30_000);
    await completeSecondFactor(deps, { challenge: again.challenge, totpCode: totp(key, clock.now()), ip });
  });

  it('counts wrong codes against the email address, and lets a challenge expire after 5 minutes', async () => {
    const { email, ip, key } = await enrolled();
    const first = await signIn(deps, { email, password: PASSWORD, ip });
    if (first.kind !== 'secondFactor') throw new Error('expected a second step');
    const bad = totp(key, clock.now()) === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await rejection(completeSecondFactor(deps, { challenge: first.challenge, totpCode: bad, ip }));
    const throttled = await rejection(completeSecondFactor(deps, { challenge: first.challenge, totpCode: totp(key, clock.now()), ip }));
    expect(throttled.code).toBe('signInThrottled');
    expect((await rejection(signIn(deps, { email, password: PASSWORD, ip }))).code).toBe('signInThrottled');
    advance(15 * MINUTE);
    const second = await signIn(deps, { email, password: PASSWORD, ip });
    if (second.kind !== 'secondFactor') throw new Error('expected a second step');
    advance(5 * MINUTE + 1000);
    expect((await rejection(completeSecondFactor(deps, { challenge: second.challenge, totpCode: totp(key, clock.now()), ip }))).code).toBe(
      'signInFailed',
    );
  });

  it('refuses a wrong code at enrolment, and signs in with the password alone once TOTP is removed', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const { secret } = await beginTotpEnrolment(deps, { accountId, userId });
    const code = totp(base32Decode(secret) as Buffer, clock.now());
    const wrong = await rejection(confirmTotpEnrolment(deps, { accountId, userId, code: code === '000000' ? '000001' : '000000' }));
    expect([wrong.status, wrong.code]).toEqual([400, 'invalidTotpCode']);
    // Pending only: the password alone still signs in.
    expect((await signIn(deps, { email, password: PASSWORD, ip })).kind).toBe('session');
    await confirmTotpEnrolment(deps, { accountId, userId, code });
    expect((await signIn(deps, { email, password: PASSWORD, ip })).kind).toBe('secondFactor');
    await removeTotp(deps, { accountId, userId });
    expect((await signIn(deps, { email, password: PASSWORD, ip })).kind).toBe('session');
    const actions = audits.filter((e) => e.subject?.id === userId).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.totp-enabled', 'user.totp-removed']));
  });
});

describe('invitations and password resets', () => {
  it('invites a person by mail, who chooses a password and is signed in', async () => {
    const { accountId, email, ip } = await fresh();
    const admin = await person(accountId, `admin.${email}`);
    const { userId } = await inviteUser(deps, { accountId, email, roles: ['REVIEWER'], invitedBy: admin });
    const { token, mail } = await mailedToken(email, 'invitation');
    expect(mail.subject).toMatch(/^Your invitation to Console people \w+ on Vouch$/);
    expect(mail.text).toMatch(/expires in 7 days/);
    expect(await findUserByEmail(deps, accountId, email)).toMatchObject({ id: userId, hasPassword: false, roles: ['REVIEWER'] });
    expect(await linkInfo(deps, token)).toMatchObject({ kind: 'invitation', email, secondFactor: [] });
    // A weak password changes nothing.
    const weak = await rejection(redeemLink(deps, { token, password: 'too short', ip }));
    expect([weak.status, weak.code]).toEqual([400, 'weakPassword']);
    const issued = await redeemLink(deps, { token, password: 'a long enough password', ip });
    expect((await resolveSession(deps, issued.token, ip))?.user).toEqual({ id: userId, email, roles: ['REVIEWER'] });
    expect(await linkInfo(deps, token)).toBeNull();
    expect((await rejection(redeemLink(deps, { token, password: 'a long enough password', ip }))).code).toBe('invalidLink');
    await session(email, ip, 'a long enough password');
    expect(audits).toContainEqual({
      accountId,
      action: 'user.invited',
      actor: { type: 'user', id: admin },
      subject: { type: 'user', id: userId },
      outcome: 200,
      ip: null,
    });
    expect((await rejection(inviteUser(deps, { accountId, email, roles: ['ADMIN'], invitedBy: 'cli' }))).code).toBe('userExists');
  });

  it('invites again a person who has no password yet; only the newest link works, for 7 days', async () => {
    const { accountId, email, ip } = await fresh();
    const first = await inviteUser(deps, { accountId, email, roles: ['VERIFIER'], invitedBy: 'cli' });
    const second = await inviteUser(deps, { accountId, email, roles: ['ADMIN'], invitedBy: 'cli' });
    expect(second.userId).toBe(first.userId);
    const { token: old } = await mailedToken(email, 'invitation', 1);
    const { token } = await mailedToken(email, 'invitation', 2);
    expect(await linkInfo(deps, old)).toBeNull();
    expect(await linkInfo(deps, token)).not.toBeNull();
    advance(7 * 24 * 60 * MINUTE);
    expect(await linkInfo(deps, token)).toBeNull();
    expect((await rejection(redeemLink(deps, { token, password: PASSWORD, ip }))).code).toBe('invalidLink');
    expect((await rejection(inviteUser(deps, { accountId, email: 'not an email', roles: ['ADMIN'], invitedBy: 'cli' }))).status).toBe(400);
  });

  it('mails a reset link to a person with a password, and nothing for an unknown email, answering alike', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email, ['ADMIN'], 'the old password here');
    const other = await session(email, ip, 'the old password here');
    const before = sink.messages.length;
    expect(await requestPasswordReset(deps, { email: `unknown.${email}`, ip })).toBeUndefined();
    expect(await requestPasswordReset(deps, { email: ` ${email.toUpperCase()} `, ip })).toBeUndefined();
    const { token, mail } = await mailedToken(email, 'reset');
    expect(mail.subject).toBe('Reset your Vouch password');
    expect(mail.text).toMatch(/expires in 1 hour/);
    expect(sink.messages.length).toBe(before + 1);
    expect(await linkInfo(deps, token)).toMatchObject({ kind: 'reset', email });
    const issued = await redeemLink(deps, { token, password: 'the new password here', ip });
    expect(await resolveSession(deps, issued.token, ip)).not.toBeNull();
    // Whoever held the old password is signed out.
    expect(await resolveSession(deps, other.token, ip)).toBeNull();
    expect((await rejection(signIn(deps, { email, password: 'the old password here', ip }))).code).toBe('signInFailed');
    const actions = audits.filter((e) => e.subject?.id === userId).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password-reset-requested', 'user.password-set']));
  });

  it('lets one of two simultaneous redeems of a link win', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    await requestPasswordReset(deps, { email, ip });
    const { token } = await mailedToken(email, 'reset');
    const results = await Promise.allSettled([
      redeemLink(deps, { token, password: 'first new password', ip }),
      redeemLink(deps, { token, password: 'second new password', ip }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as AppError).code)).toEqual(['invalidLink']);
    const winner = results[0].status === 'fulfilled' ? 'first new password' : 'second new password';
    await session(email, ip, winner);
    const links = await store.db
      .selectFrom('user_links')
      .select(sql<number>`count(*)`.as('n'))
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(links.n)).toBe(0);
  });

  it('expires a reset link after an hour, and limits reset requests per client address', async () => {
    const { accountId, email, ip } = await fresh();
    await person(accountId, email);
    await requestPasswordReset(deps, { email, ip });
    const { token } = await mailedToken(email, 'reset');
    advance(60 * MINUTE);
    expect(await linkInfo(deps, token)).toBeNull();
    for (let i = 0; i < 10; i++) await requestPasswordReset(deps, { email: `someone${i}.${email}`, ip });
    const throttled = await rejection(requestPasswordReset(deps, { email, ip }));
    expect([throttled.status, throttled.code]).toEqual([429, 'signInThrottled']);
  });

  it('asks a person with TOTP for a code before a reset link sets the password', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const { secret } = await beginTotpEnrolment(deps, { accountId, userId });
    const key = base32Decode(secret) as Buffer;
    await confirmTotpEnrolment(deps, { accountId, userId, code: totp(key, clock.now()) });
    advance(30_000);
    await requestPasswordReset(deps, { email, ip });
    const { token } = await mailedToken(email, 'reset');
    expect((await linkInfo(deps, token))?.secondFactor).toEqual(['totp']);
    const missing = await rejection(redeemLink(deps, { token, password: 'the new password here', ip }));
    expect([missing.status, missing.code, missing.details]).toEqual([403, 'secondFactorRequired', { methods: ['totp'] }]);
    const code = totp(key, clock.now());
    expect(
      (
        await rejection(
          redeemLink(deps, { token, password: 'the new password here', ip, totpCode: code === '000000' ? '000001' : '000000' }),
        )
      ).code,
    ).toBe('signInFailed');
    await redeemLink(deps, { token, password: 'the new password here', ip, totpCode: code });
  });
});

describe('setting a password from the command line', () => {
  it('refuses a weak one, and ends the sessions of the person', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const open = await session(email, ip);
    const weak = await rejection(setPassword(deps, { accountId, userId, password: 'short' }));
    expect([weak.status, weak.code, weak.message]).toEqual([400, 'weakPassword', 'The password must have at least 12 characters']);
    expect((await rejection(setPassword(deps, { accountId, userId: 'f'.repeat(24), password: PASSWORD }))).status).toBe(404);
    await setPassword(deps, { accountId, userId, password: 'another good password' });
    expect(await resolveSession(deps, open.token, ip)).toBeNull();
    await session(email, ip, 'another good password');
    expect(audits).toContainEqual({
      accountId,
      action: 'user.password-set',
      actor: { type: 'cli', id: null },
      subject: { type: 'user', id: userId },
      outcome: 200,
      ip: null,
    });
  });
});

/** CBOR (RFC 8949), only what a WebAuthn attestation needs: integers, byte and text strings, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) =>
    n < 24
      ? Buffer.from([(major << 5) | n])
      : n < 256
        ? Buffer.from([(major << 5) | 24, n])
        : Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`cannot encode ${typeof value}`);
}

/** A software passkey (ES256): makes the answers a browser's authenticator would. */
class SoftPasskey {
  readonly id = randomBytes(16);
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private counter = 0;
  constructor(
    private readonly origin: string,
    private readonly rpID: string,
  ) {}

  private authData(flags: number, attested?: Buffer) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    return Buffer.concat([createHash('sha256').update(this.rpID).digest(), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: string, challenge: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  register(challenge: string) {
    const jwk = (this.keys.publicKey as KeyObject).export({ format: 'jwk' });
    const cose = cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const idLength = Buffer.from([this.id.length >> 8, this.id.length & 0xff]);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.id, cose]);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', this.authData(0x45, attested)],
      ]),
    );
    return {
      id: this.id.toString('base64url'),
      rawId: this.id.toString('base64url'),
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', challenge).toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  assert(challenge: string, userHandle: string) {
    this.counter += 1;
    const authenticatorData = this.authData(0x05);
    const clientDataJSON = this.clientData('webauthn.get', challenge);
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]),
      this.keys.privateKey,
    );
    return {
      id: this.id.toString('base64url'),
      rawId: this.id.toString('base64url'),
      type: 'public-key',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: Buffer.from(userHandle).toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }
}

describe('passkeys', () => {
  it('registers a passkey and signs in with it, without naming the user', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const options = await passkeyRegistrationOptions(deps, { accountId, userId });
    expect(options).toMatchObject({ rp: { id: 'localhost', name: 'Vouch' }, user: { name: email } });
    const passkey = new SoftPasskey('http://localhost:8443', 'localhost');
    const { passkeyId } = await verifyPasskeyRegistration(deps, { accountId, userId, response: passkey.register(options.challenge) });
    expect(passkeyId).toMatch(/^[0-9a-f]{24}$/);
    expect((await findUserByEmail(deps, accountId, email))?.passkeys).toBe(1);
    // The registration challenge is used.
    expect(
      (await rejection(verifyPasskeyRegistration(deps, { accountId, userId, response: passkey.register(options.challenge) }))).code,
    ).toBe('passkeyRejected');
    // The password alone is not enough any more: the console offers the passkey.
    const first = await signIn(deps, { email, password: PASSWORD, ip });
    expect(first).toMatchObject({ kind: 'secondFactor', methods: ['passkey'] });

    const { challengeId, options: get } = await passkeySignInOptions(deps);
    expect(get).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(get.allowCredentials ?? []).toEqual([]);
    const issued = await signInWithPasskey(deps, { challengeId, response: passkey.assert(get.challenge, userId), ip });
    expect((await resolveSession(deps, issued.token, ip))?.principal).toMatchObject({ accountId, userId });
    // Single use: the same challenge again fails, even with a fresh signature.
    expect((await rejection(signInWithPasskey(deps, { challengeId, response: passkey.assert(get.challenge, userId), ip }))).code).toBe(
      'signInFailed',
    );
    expect(audits).toContainEqual({
      accountId,
      action: 'user.passkey-added',
      actor: { type: 'user', id: userId },
      subject: { type: 'user', id: userId },
      outcome: 200,
      ip: null,
    });
  });

  it('refuses an answer from another origin, a passkey never registered, and a bad shape', async () => {
    const { accountId, email, ip } = await fresh();
    const userId = await person(accountId, email);
    const options = await passkeyRegistrationOptions(deps, { accountId, userId });
    const phishing = new SoftPasskey('https://vouch.example.net', 'localhost');
    const rejected = await rejection(
      verifyPasskeyRegistration(deps, { accountId, userId, response: phishing.register(options.challenge) }),
    );
    expect([rejected.status, rejected.code]).toEqual([400, 'passkeyRejected']);
    const { challengeId, options: get } = await passkeySignInOptions(deps);
    const stranger = new SoftPasskey('http://localhost:8443', 'localhost');
    expect((await rejection(signInWithPasskey(deps, { challengeId, response: stranger.assert(get.challenge, userId), ip }))).code).toBe(
      'signInFailed',
    );
    expect((await rejection(signInWithPasskey(deps, { challengeId, response: { id: 1 }, ip }))).status).toBe(400);
  });
});
