import { sha256 } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { isRole, type Principal, type Role } from '../../../shared/principal.ts';
import type { AccountsDeps } from './deps.ts';
import { userSubject } from './people-audit.ts';
import { addressKey, clearEmailFailures } from './sign-in-throttle.ts';

/** A console session as handed to the browser: the token goes in a cookie, the CSRF token in its forms. */
export interface IssuedSession {
  token: string;
  csrf: string;
  /** When the session ends at the latest (it ends sooner after `sessions.idleMs` without a request). */
  expiresAt: Date;
}

/** `last_seen_at` is written at most this often: a session in use would otherwise cost a write per request. */
const TOUCH_EVERY_MS = 60_000;

/** Who signs in: the person and the digest of the email address the failures were counted against. */
export interface SigningIn {
  accountId: string;
  userId: string;
  emailHash: string;
}

/**
 * Opens a session for a person who has proved who they are, in one transaction with `alongside` (what
 * makes the proof single-use: a consumed challenge, link or TOTP step; it throws to refuse). Then forgets
 * the failures counted against the email address and records `user.sign-in`.
 */
export async function startSession(
  deps: AccountsDeps,
  who: SigningIn,
  ip: string | null,
  alongside?: (trx: Database, now: Date) => Promise<void>,
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const token = deps.ids.secret('vcs');
  const csrf = deps.ids.secret('csrf');
  const expiresAt = new Date(now.getTime() + deps.sessions.absoluteMs);
  await deps.people.transaction(async (trx) => {
    if (alongside) await alongside(trx, now);
    await deps.people.insertSession(trx, {
      id: deps.ids.hex24(),
      account_id: who.accountId,
      user_id: who.userId,
      token_hash: sha256(token),
      csrf_enc: deps.box.encrypt(csrf),
      created_at: now,
      expires_at: expiresAt,
      ip_hash: ip ? addressKey(deps, ip) : null,
    });
    await deps.people.updateCredentials(who.accountId, who.userId, { last_sign_in_at: now }, trx);
  });
  await clearEmailFailures(deps, who.emailHash);
  await deps.audit({
    accountId: who.accountId,
    action: 'user.sign-in',
    actor: { type: 'user', id: who.userId },
    subject: userSubject(who.userId),
    outcome: 200,
    ip,
  });
  return { token, csrf, expiresAt };
}

export interface ResolvedSession {
  principal: Principal;
  csrf: string;
  user: { id: string; email: string; roles: Role[] };
}

/**
 * The principal of a session token, or null when the session is unknown, ended, idle longer than
 * `sessions.idleMs`, older than `sessions.absoluteMs`, or its person is disabled or account suspended.
 * Roles are read from the user at each request, so a change of roles applies at once.
 */
export async function resolveSession(deps: AccountsDeps, token: string, ip: string | null): Promise<ResolvedSession | null> {
  if (token.length < 10 || token.length > 200) return null;
  const row = await deps.people.findOpenSession(sha256(token));
  if (!row) return null;
  const now = deps.clock.now().getTime();
  if (now >= row.expires_at.getTime() || now - row.created_at.getTime() >= deps.sessions.absoluteMs) return null;
  if (now - row.last_seen_at.getTime() > deps.sessions.idleMs) return null;
  if (row.disabled_at || row.account_status !== 'active') return null;
  if (now - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await deps.people.touchSession(row.account_id, row.id, new Date(now), new Date(now - TOUCH_EVERY_MS), ip ? addressKey(deps, ip) : null);
  }
  const roles = (row.roles as string[]).filter(isRole);
  return {
    principal: { accountId: row.account_id, tokenId: `session:${row.id}`, clientId: null, roles, userId: row.user_id, sessionId: row.id },
    csrf: deps.box.decrypt(row.csrf_enc),
    user: { id: row.user_id, email: deps.box.decrypt(row.email_enc), roles },
  };
}

/** Ends the session of this token (nothing happens for an unknown or ended one). */
export async function signOut(deps: AccountsDeps, token: string, ip: string | null = null): Promise<void> {
  if (token.length < 10 || token.length > 200) return;
  const ended = await deps.people.endSessionByHash(sha256(token), deps.clock.now());
  if (!ended) return;
  await deps.audit({
    accountId: ended.account_id,
    action: 'user.sign-out',
    actor: { type: 'user', id: ended.user_id },
    subject: userSubject(ended.user_id),
    outcome: 200,
    ip,
  });
}

/** Ends every session of the person, on every device; says how many were open. */
export async function signOutEverywhere(
  deps: AccountsDeps,
  input: { accountId: string; userId: string; by?: string; ip?: string | null },
): Promise<{ ended: number }> {
  const ended = await deps.people.endUserSessions(input.accountId, input.userId, deps.clock.now());
  await deps.audit({
    accountId: input.accountId,
    action: 'user.sign-out-everywhere',
    actor: { type: 'user', id: input.by ?? input.userId },
    subject: userSubject(input.userId),
    outcome: 200,
    ip: input.ip ?? null,
  });
  return { ended };
}
