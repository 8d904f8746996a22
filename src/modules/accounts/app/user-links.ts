import { sha256 } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { asciiMailAddress } from '../../../shared/email.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { RESET_RULES } from '../domain/throttle.ts';
import { AccountErrors } from '../error-codes.ts';
import type { PersonRow } from '../infra/people-repository.ts';
import { parseRoles } from './api-tokens.ts';
import type { AccountsDeps } from './deps.ts';
import { emailDigest } from './ensure-user.ts';
import { invitationMail, resetMail } from './link-mails.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { actorOf, ANONYMOUS, auditPersonFailure, userSubject } from './people-audit.ts';
import { keepAnAdmin } from './people.ts';
import { type SecondFactorMethod, secondFactorMethods, totpStep } from './second-factor.ts';
import { type IssuedSession, startSession } from './sessions.ts';
import { maySignIn } from './sign-in.ts';
import { addressKey, countAttempt, signInKeys, type ThrottleKey, throttleWait } from './sign-in-throttle.ts';

const DAY_MS = 24 * 60 * 60_000;
export const LINK_TTL_MS = { invitation: 7 * DAY_MS, reset: 60 * 60_000 } as const;

type LinkKind = keyof typeof LINK_TTL_MS;

/** `<publicUrl>/console/invitation/<token>` or `<publicUrl>/console/reset/<token>`: a GET shows the page, a POST uses the link. */
const linkUrl = (deps: AccountsDeps, kind: LinkKind, token: string) => `${deps.publicUrl.replace(/\/+$/, '')}/console/${kind}/${token}`;

/** A new link for the person; the person's unused links of its kind stop working. The token is in the URL only. */
async function newLink(deps: AccountsDeps, trx: Database, p: { accountId: string; userId: string }, kind: LinkKind, now: Date) {
  const token = deps.ids.secret('vcl');
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS[kind]);
  await deps.people.retireLinks(trx, p.accountId, p.userId, kind, now);
  await deps.people.insertLink(trx, {
    id: deps.ids.hex24(),
    account_id: p.accountId,
    user_id: p.userId,
    kind,
    token_hash: sha256(token),
    created_at: now,
    expires_at: expiresAt,
  });
  return { url: linkUrl(deps, kind, token), expiresAt };
}

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (trimmed.length > 254 || 'problem' in asciiMailAddress(trimmed))
    throw CommonErrors.invalidRequest('email: not an email address Vouch can send mail to');
  return trimmed;
}

/**
 * Invites a person to the account's console: a user without a password (or the account's existing one
 * without a password, given these roles), and a mailed link to choose a password, good for 7 days. A
 * person who has a password already is `userExists`. `invitedBy` is a user id, or `cli`.
 */
export async function inviteUser(
  deps: AccountsDeps,
  input: { accountId: string; email: string; roles: unknown; invitedBy: string },
): Promise<{ userId: string; link: string }> {
  const roles = parseRoles(input.roles);
  const email = checkEmail(input.email);
  const account = await deps.repo.findAccount(input.accountId);
  if (!account) throw AccountErrors.unknownAccount(input.accountId);
  const emailHash = emailDigest(deps, email);
  const now = deps.clock.now();
  const { userId, link } = await deps.people.transaction(async (trx) => {
    await deps.people.lockAccount(trx, input.accountId);
    const existing = await deps.people.findPersonByEmailHash(input.accountId, emailHash, trx);
    if (existing?.password_hash) throw AccountErrors.userExists();
    const userId = existing?.id ?? deps.ids.hex24();
    if (existing) {
      await keepAnAdmin(deps, trx, existing, roles);
      await deps.people.updateRoles(trx, input.accountId, userId, roles);
    } else {
      await deps.people.insertUser(trx, {
        id: userId,
        account_id: input.accountId,
        email_hash: emailHash,
        email_enc: deps.box.encrypt(email),
        roles,
      });
    }
    return { userId, link: await newLink(deps, trx, { accountId: input.accountId, userId }, 'invitation', now) };
  });
  try {
    await deps.mailer.send(invitationMail(email, account.name, link.url, link.expiresAt));
  } catch {
    throw AccountErrors.mailFailed();
  }
  await deps.audit({
    accountId: input.accountId,
    action: 'user.invited',
    actor: actorOf(input.invitedBy),
    subject: userSubject(userId),
    outcome: 200,
    ip: null,
  });
  // Also returned for the command line, which prints it (the first administrator may have no mail yet).
  return { userId, link: link.url };
}

/**
 * Mails a reset link (1 hour) to each person with this email address who has a password and may sign in.
 * The answer is the same whether or not there is one, and the mails go out after it (their time would
 * tell). Requests are limited per client address (`signInThrottled`), and per email address by sending
 * no more mail past the limit.
 */
export async function requestPasswordReset(deps: AccountsDeps, input: { email: string; ip: string | null }): Promise<void> {
  const now = deps.clock.now();
  const emailHash = emailDigest(deps, input.email);
  const addressKeys: ThrottleKey[] = input.ip
    ? [{ scope: 'reset-address', key: addressKey(deps, input.ip), rule: RESET_RULES.address }]
    : [];
  const emailKeys: ThrottleKey[] = [{ scope: 'reset-email', key: emailHash, rule: RESET_RULES.email }];
  const wait = await throttleWait(deps, addressKeys, now);
  if (wait !== null) throw AccountErrors.signInThrottled(wait);
  const mailedEnough = (await throttleWait(deps, emailKeys, now)) !== null;
  await countAttempt(deps, [...addressKeys, ...emailKeys], now);
  if (mailedEnough) return;
  const people = (await deps.people.findByEmailHash(emailHash)).filter((p) => p.password_hash !== null && maySignIn(p));
  const mails = [];
  for (const p of people) {
    const link = await deps.people.transaction((trx) => newLink(deps, trx, { accountId: p.account_id, userId: p.id }, 'reset', now));
    mails.push(resetMail(deps.box.decrypt(p.email_enc), p.account_name, link.url, link.expiresAt));
    await deps.audit({
      accountId: p.account_id,
      action: 'user.password-reset-requested',
      actor: ANONYMOUS,
      subject: userSubject(p.id),
      outcome: 202,
      ip: input.ip,
    });
  }
  // Not awaited: a failed mail is not told (that would tell the address exists); asking again sends another.
  void Promise.allSettled(mails.map((m) => deps.mailer.send(m)));
}

async function liveLink(deps: AccountsDeps, token: string, now: Date) {
  if (token.length < 10 || token.length > 200) return undefined;
  const link = await deps.people.findLiveLink(sha256(token), now);
  const person = link ? await deps.people.findPerson(link.account_id, link.user_id) : undefined;
  return link && person && maySignIn(person) ? { link, person } : undefined;
}

export interface LinkInfo {
  kind: LinkKind;
  email: string;
  accountName: string;
  expiresAt: Date;
  /** The second factors the person has: setting the password needs a TOTP code (`totp`), or is refused for `passkey` alone. */
  secondFactor: SecondFactorMethod[];
}

/** What a link is for, without using it (a GET shows the page; only `redeemLink` uses it); null when unknown, used or expired. */
export async function linkInfo(deps: AccountsDeps, token: string): Promise<LinkInfo | null> {
  const found = await liveLink(deps, token, deps.clock.now());
  if (!found) return null;
  return {
    kind: found.link.kind,
    email: deps.box.decrypt(found.person.email_enc),
    accountName: found.person.account_name,
    expiresAt: found.link.expires_at,
    secondFactor: secondFactorMethods(found.person),
  };
}

/** The TOTP step that lets a person with a second factor set a password from a link, or the refusal. */
async function secondFactorForLink(deps: AccountsDeps, person: PersonRow, totpCode: string | undefined, ip: string | null, now: Date) {
  const methods = secondFactorMethods(person);
  if (methods.length === 0) return null;
  if (!methods.includes('totp') || !totpCode) throw AccountErrors.secondFactorRequired(methods.includes('totp') ? ['totp'] : methods);
  const keys = signInKeys(deps, person.email_hash, ip);
  const wait = await throttleWait(deps, keys, now);
  if (wait !== null) throw AccountErrors.signInThrottled(wait);
  const step = totpStep(deps, person, totpCode, now);
  if (step !== null) return step;
  await countAttempt(deps, keys, now);
  await auditPersonFailure(deps, person, ip);
  throw AccountErrors.signInFailed();
}

/**
 * Sets the password from an invitation or reset link and signs the person in. The link is used in the
 * same transaction, by a conditional update, so of two requests with one link only one succeeds; every
 * other session of the person ends. A person with TOTP also gives a code.
 */
export async function redeemLink(
  deps: AccountsDeps,
  input: { token: string; password: string; ip: string | null; totpCode?: string },
): Promise<IssuedSession> {
  checkNewPassword(input.password);
  const now = deps.clock.now();
  const found = await liveLink(deps, input.token, now);
  if (!found) throw AccountErrors.invalidLink();
  const { link, person } = found;
  const step = await secondFactorForLink(deps, person, input.totpCode, input.ip, now);
  const passwordHash = await hashPassword(input.password);
  const session = await startSession(
    deps,
    { accountId: person.account_id, userId: person.id, emailHash: person.email_hash },
    input.ip,
    async (trx, at) => {
      if (!(await deps.people.useLink(link.account_id, link.id, at, trx))) throw AccountErrors.invalidLink();
      if (step !== null && !(await deps.people.useTotpStep(person.account_id, person.id, step, trx))) throw AccountErrors.signInFailed();
      await deps.people.updateCredentials(person.account_id, person.id, { password_hash: passwordHash, password_set_at: at }, trx);
      await deps.people.endUserSessions(person.account_id, person.id, at, null, trx);
    },
  );
  await deps.audit({
    accountId: person.account_id,
    action: 'user.password-set',
    actor: { type: 'user', id: person.id },
    subject: userSubject(person.id),
    outcome: 200,
    ip: input.ip,
  });
  return session;
}
