import { randomBytes } from 'node:crypto';
import { base32Decode, base32Encode, matchTotp, otpauthUri, TOTP_SECRET_BYTES } from '../domain/totp.ts';
import { AccountErrors } from '../error-codes.ts';
import type { AccountsDeps } from './deps.ts';
import { userSubject } from './people-audit.ts';

const ISSUER = 'Vouch';

async function person(deps: AccountsDeps, accountId: string, userId: string) {
  const p = await deps.people.findPerson(accountId, userId);
  if (!p) throw AccountErrors.userNotFound(userId);
  return p;
}

/**
 * Starts setting up an authenticator app: a new secret, kept encrypted and pending until a code made with
 * it confirms it (a TOTP already in use stays in use until then). The URI goes into a QR code.
 */
export async function beginTotpEnrolment(deps: AccountsDeps, input: { accountId: string; userId: string }) {
  const p = await person(deps, input.accountId, input.userId);
  const secret = base32Encode(randomBytes(TOTP_SECRET_BYTES));
  await deps.people.updateCredentials(input.accountId, input.userId, { totp_pending_enc: deps.box.encrypt(secret) });
  return { secret, uri: otpauthUri(ISSUER, deps.box.decrypt(p.email_enc), secret) };
}

/** Confirms the pending secret with a code the app shows; from then on sign-in asks for a code. */
export async function confirmTotpEnrolment(deps: AccountsDeps, input: { accountId: string; userId: string; code: string }) {
  const p = await person(deps, input.accountId, input.userId);
  if (!p.totp_pending_enc) throw AccountErrors.noTotpEnrolment();
  const secret = deps.box.decrypt(p.totp_pending_enc);
  const key = base32Decode(secret);
  // The old secret's last step does not bind the new one.
  const step = key ? matchTotp(key, input.code, deps.clock.now(), null) : null;
  if (step === null) throw AccountErrors.invalidTotpCode();
  await deps.people.updateCredentials(input.accountId, input.userId, {
    totp_secret_enc: deps.box.encrypt(secret),
    totp_pending_enc: null,
    totp_last_step: step,
  });
  await deps.audit({
    accountId: input.accountId,
    action: 'user.totp-enabled',
    actor: { type: 'user', id: input.userId },
    subject: userSubject(input.userId),
    outcome: 200,
    ip: null,
  });
}

/** Removes the authenticator app (confirmed and pending); `by` is who removed it, the person by default. */
export async function removeTotp(deps: AccountsDeps, input: { accountId: string; userId: string; by?: string }) {
  const p = await person(deps, input.accountId, input.userId);
  if (!p.totp_secret_enc && !p.totp_pending_enc) return { removed: false };
  await deps.people.updateCredentials(input.accountId, input.userId, {
    totp_secret_enc: null,
    totp_pending_enc: null,
    totp_last_step: null,
  });
  await deps.audit({
    accountId: input.accountId,
    action: 'user.totp-removed',
    actor: input.by === 'cli' ? { type: 'cli', id: null } : { type: 'user', id: input.by ?? input.userId },
    subject: userSubject(input.userId),
    outcome: 200,
    ip: null,
  });
  return { removed: true };
}
