import { AccountErrors } from '../error-codes.ts';
import type { PersonRow } from '../infra/people-repository.ts';
import type { AccountsDeps } from './deps.ts';
import { emailDigest } from './ensure-user.ts';
import { dummyHash, hashIsOutdated, hashPassword, verifyPassword } from './passwords.ts';
import { ANONYMOUS, userSubject } from './people-audit.ts';
import { issueSecondFactorChallenge, secondFactorMethods, type SecondFactorMethod } from './second-factor.ts';
import { type IssuedSession, startSession } from './sessions.ts';
import { countAttempt, signInKeys, throttleWait } from './sign-in-throttle.ts';

export type SignInResult =
  | { kind: 'session'; session: IssuedSession }
  | { kind: 'secondFactor'; challenge: string; methods: SecondFactorMethod[] };

/** Whether the person may sign in at all: enabled, in an active account. */
export const maySignIn = (p: Pick<PersonRow, 'disabled_at' | 'account_status'>) => p.disabled_at === null && p.account_status === 'active';

/**
 * The person whose password this is, among the users with the email address (one per account at most),
 * or undefined. Every stored hash is checked, and the dummy one when there is none, so that an unknown
 * address costs what a known one costs.
 */
async function passwordOwner(candidates: readonly PersonRow[], password: string): Promise<PersonRow | undefined> {
  const withPassword = candidates.filter((c) => c.password_hash !== null);
  if (withPassword.length === 0) {
    await verifyPassword(await dummyHash(), password);
    return undefined;
  }
  let owner: PersonRow | undefined;
  for (const c of withPassword) {
    if ((await verifyPassword(c.password_hash as string, password)) && !owner && maySignIn(c)) owner = c;
  }
  return owner;
}

/** Records an audit entry in each account where a user has the email address (none for an unknown address). */
export async function auditCandidates(
  deps: AccountsDeps,
  candidates: readonly Pick<PersonRow, 'id' | 'account_id'>[],
  action: string,
  outcome: number,
  ip: string | null,
) {
  for (const c of candidates) {
    await deps.audit({ accountId: c.account_id, action, actor: ANONYMOUS, subject: userSubject(c.id), outcome, ip });
  }
}

/**
 * A console sign-in with email address and password. The answer is the same (`signInFailed`) whether
 * the address is unknown, the password wrong, or the person disabled or the account suspended. Past the
 * limit of failures for the address tried or the client address, `signInThrottled` comes before any
 * password is checked. A person with a second factor gets a challenge to complete it with.
 */
export async function signIn(deps: AccountsDeps, input: { email: string; password: string; ip: string | null }): Promise<SignInResult> {
  const now = deps.clock.now();
  const emailHash = emailDigest(deps, input.email);
  const candidates = await deps.people.findByEmailHash(emailHash);
  const keys = signInKeys(deps, emailHash, input.ip);
  const wait = await throttleWait(deps, keys, now);
  if (wait !== null) {
    await auditCandidates(deps, candidates, 'user.sign-in-throttled', 429, input.ip);
    throw AccountErrors.signInThrottled(wait);
  }
  const person = await passwordOwner(candidates, input.password);
  if (!person?.password_hash) {
    await countAttempt(deps, keys, now);
    await auditCandidates(deps, candidates, 'user.sign-in-failed', 401, input.ip);
    throw AccountErrors.signInFailed();
  }
  if (hashIsOutdated(person.password_hash)) {
    await deps.people.updateCredentials(person.account_id, person.id, { password_hash: await hashPassword(input.password) });
  }
  const methods = secondFactorMethods(person);
  if (methods.length > 0) return { kind: 'secondFactor', challenge: await issueSecondFactorChallenge(deps, person, now), methods };
  const session = await startSession(deps, { accountId: person.account_id, userId: person.id, emailHash }, input.ip);
  return { kind: 'session', session };
}
