import { argon2id, hash, needsRehash, verify } from 'argon2';
import { normalisePassword, passwordProblem } from '../domain/password-rules.ts';
import { AccountErrors } from '../error-codes.ts';
import { actorOf, userSubject } from './people-audit.ts';
import type { AccountsDeps } from './deps.ts';

/** argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane): memory-hard, and bounded per sign-in. */
const PARAMS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(normalisePassword(password), PARAMS);

/** Whether `password` is the one hashed; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalisePassword(password));
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with other parameters than today's, and is worth making again. */
export const hashIsOutdated = (passwordHash: string): boolean => needsRehash(passwordHash, PARAMS);

let dummy: Promise<string> | undefined;

/**
 * A hash of no one's password, made once with the same parameters: checking a password against it when
 * the email is unknown costs what checking a real one costs, so the time taken does not say which it was.
 */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('no one has this password, it is random enough'));

/** The password if it follows the rules, else `weakPassword` with the reason. */
export function checkNewPassword(password: string): string {
  const problem = passwordProblem(password);
  if (problem) throw AccountErrors.weakPassword(problem);
  return password;
}

/**
 * Sets a person's password (the command line, or the person from the console). Every session of the
 * person ends but `keepSessionId` (the one changing it, if any): whoever knew the old one is signed out.
 * `by` is the user who set it, absent for the command line.
 */
export async function setPassword(
  deps: AccountsDeps,
  input: { accountId: string; userId: string; password: string; by?: string; keepSessionId?: string | null },
): Promise<void> {
  checkNewPassword(input.password);
  const person = await deps.people.findPerson(input.accountId, input.userId);
  if (!person) throw AccountErrors.userNotFound(input.userId);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await deps.people.transaction(async (trx) => {
    await deps.people.updateCredentials(input.accountId, input.userId, { password_hash: passwordHash, password_set_at: now }, trx);
    await deps.people.endUserSessions(input.accountId, input.userId, now, input.keepSessionId ?? null, trx);
  });
  await deps.audit({
    accountId: input.accountId,
    action: 'user.password-set',
    actor: actorOf(input.by ?? 'cli'),
    subject: userSubject(input.userId),
    outcome: 200,
    ip: null,
  });
}
