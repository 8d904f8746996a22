import type { Database } from '../../../platform/db/index.ts';
import type { Principal } from '../../../shared/principal.ts';
import type { Program } from '../../programs/index.ts';
import { samePersonText } from '../domain/same-person.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import type { BodyRead } from './step-body.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The program's same-person limit, checked when a person step names the person: SheerID counts the
 * verifications that person "already redeemed or attempted", so every other verification of the program
 * whose person step was accepted within the last `days` counts, whatever its outcome. Over the limit the
 * step is refused with 429 and the verification stays where it was. Returns the person's digest to count
 * this verification under once its step is stored, or null when the program has no limit.
 */
export async function checkVerificationLimit(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  person: { firstName: string; lastName: string; birthDate?: string | null },
): Promise<string | null> {
  const repo = deps.limits;
  const limit = await repo.limitOf(program.id);
  if (!limit) return null;
  const key = deps.box.digest(samePersonText(person));
  const since = new Date(deps.clock.now().getTime() - limit.days * DAY_MS);
  if ((await repo.countSince(program.id, key, since, v.id)) >= limit.quantity) throw VerificationErrors.verificationLimitExceeded(v);
  return key;
}

/** Counts the verification against its person's limit, in the transaction that stores its person step. */
export async function countTowardLimit(deps: VerificationsDeps, trx: Database, v: Verification, personKey: string): Promise<void> {
  await deps.limits.mark(v.id, v.programId, personKey, deps.clock.now(), trx);
}

/**
 * `POST /verification/{id}/resetVerificationLimits` (ADMIN): the person this verification was made by may
 * verify with the program again, as if they had never tried. A verification that never named its person
 * (or was made while the program had no limit) resets nothing. The answer is `{}`, as SheerID's.
 */
export async function resetVerificationLimits(deps: VerificationsDeps, id: string, principal: Principal, body: () => BodyRead<null>) {
  const v = await loadVerification(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  await deps.limits.resetPersonOf(v.id);
  return {};
}
