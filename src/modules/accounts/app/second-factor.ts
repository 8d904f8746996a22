import { sha256 } from '../../../platform/crypto/index.ts';
import { base32Decode, matchTotp } from '../domain/totp.ts';
import { AccountErrors } from '../error-codes.ts';
import type { PersonRow } from '../infra/people-repository.ts';
import type { AccountsDeps } from './deps.ts';
import { userSubject } from './people-audit.ts';
import { type IssuedSession, startSession } from './sessions.ts';
import { countAttempt, signInKeys, throttleWait } from './sign-in-throttle.ts';

export type SecondFactorMethod = 'totp' | 'passkey';

/** How long a password sign-in waits for its second factor. */
export const SECOND_FACTOR_TTL_MS = 5 * 60_000;

/**
 * The second factors a person has. With `passkey` the console offers the passkey sign-in
 * (`signInWithPasskey`), which proves both factors at once.
 */
export function secondFactorMethods(p: Pick<PersonRow, 'totp_secret_enc' | 'passkeys'>): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = [];
  if (p.totp_secret_enc) methods.push('totp');
  if (Number(p.passkeys ?? 0) > 0) methods.push('passkey');
  return methods;
}

/** A challenge for the person's second step: random, stored as its SHA-256, single-use, 5 minutes. */
export async function issueSecondFactorChallenge(deps: AccountsDeps, p: Pick<PersonRow, 'id' | 'account_id'>, now: Date) {
  const challenge = deps.ids.secret('vcf');
  await deps.people.insertChallenge({
    id: sha256(challenge),
    kind: 'second-factor',
    account_id: p.account_id,
    user_id: p.id,
    challenge: null,
    created_at: now,
    expires_at: new Date(now.getTime() + SECOND_FACTOR_TTL_MS),
  });
  return challenge;
}

/** The time step of a TOTP code of the person's confirmed secret, or null (no TOTP, wrong or used code). */
export function totpStep(
  deps: Pick<AccountsDeps, 'box'>,
  p: Pick<PersonRow, 'totp_secret_enc' | 'totp_last_step'>,
  code: string,
  now: Date,
) {
  if (!p.totp_secret_enc) return null;
  const key = base32Decode(deps.box.decrypt(p.totp_secret_enc));
  return key ? matchTotp(key, code, now, p.totp_last_step === null ? null : Number(p.totp_last_step)) : null;
}

/**
 * The second step of a password sign-in: the challenge it answered with and a TOTP code. A wrong code
 * is `signInFailed` and counts as a failed sign-in; a code's time step is never accepted twice.
 */
export async function completeSecondFactor(
  deps: AccountsDeps,
  input: { challenge: string; totpCode: string; ip: string | null },
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const row =
    input.challenge.length > 10 && input.challenge.length < 200
      ? await deps.people.findLiveChallenge('second-factor', sha256(input.challenge), now)
      : undefined;
  const person = row?.account_id && row.user_id ? await deps.people.findPerson(row.account_id, row.user_id) : undefined;
  const keys = signInKeys(deps, person?.email_hash ?? null, input.ip);
  const wait = await throttleWait(deps, keys, now);
  const audit = async (action: string, outcome: number) => {
    if (person) {
      await deps.audit({
        accountId: person.account_id,
        action,
        actor: { type: 'user', id: person.id },
        subject: userSubject(person.id),
        outcome,
        ip: input.ip,
      });
    }
  };
  if (wait !== null) {
    await audit('user.sign-in-throttled', 429);
    throw AccountErrors.signInThrottled(wait);
  }
  const step =
    person && person.disabled_at === null && person.account_status === 'active' ? totpStep(deps, person, input.totpCode, now) : null;
  if (!row || !person || step === null) {
    await countAttempt(deps, keys, now);
    await audit('user.sign-in-failed', 401);
    throw AccountErrors.signInFailed();
  }
  return startSession(
    deps,
    { accountId: person.account_id, userId: person.id, emailHash: person.email_hash },
    input.ip,
    async (trx, at) => {
      // Both single-use: a second request with the same challenge or the same code loses here.
      if (!(await deps.people.useChallenge(row.id, at, trx))) throw AccountErrors.signInFailed();
      if (!(await deps.people.useTotpStep(person.account_id, person.id, step, trx))) throw AccountErrors.signInFailed();
    },
  );
}
