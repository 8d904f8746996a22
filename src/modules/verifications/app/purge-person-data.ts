import type { Database } from '../../../platform/db/index.ts';
import type { Principal } from '../../../shared/principal.ts';
import { expiredState, TERMINAL_STEPS } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { persistMove } from './persist-move.ts';
import type { BodyRead } from './step-body.ts';

/**
 * `POST /verification/{id}/purgePersonData` (ADMIN): erases what identifies the person, from the
 * verification and the re-verifications made of it (person, metadata, client IP and user agent, person
 * id, label comments), and the bytes of its documents, at once rather than within minutes; an unfinished
 * verification is expired with it, so nothing can be submitted to it again. What the verification was and
 * how it ended stay, as do the audit log's entries, which hold no PII. The answer is `{}`, as SheerID's.
 */
export async function purgePersonData(deps: VerificationsDeps, id: string, principal: Principal, body: () => BodyRead<null>) {
  const v = await loadVerification(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const erase = async (trx: Database) => {
    await deps.repo.erasePersonData(trx, v.accountId, v.id);
    await deps.limits.forgetVerification(v.id, trx);
    await deps.documents.schedulePurge(trx, v.id, 0);
  };
  if (TERMINAL_STEPS.has(v.currentStep)) {
    await deps.repo.transaction(erase);
  } else {
    const program = await deps.programs.load(v.programId);
    await persistMove(deps, v, program, {
      patch: { ...expiredState(v, 'when its person data was purged'), personId: null },
      reward: false,
      alsoInTransaction: erase,
    });
  }
  await deps.documents.purgeDue();
  return {};
}
