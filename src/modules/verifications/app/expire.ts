import type { Principal } from '../../../shared/principal.ts';
import type { Program } from '../../programs/index.ts';
import { expiredState, isExpired, TERMINAL_STEPS, type Verification } from '../domain/verification.ts';
import type { VerificationPatch } from '../infra/verifications-repository.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { persistMove } from './persist-move.ts';
import { respond } from './response-context.ts';
import type { BodyRead } from './step-body.ts';

/**
 * `POST /verification/{id}/expire`: the person or the integrator abandons an unfinished verification. It
 * ends in `error` with `expiredVerification` (its documents are purged as after a decision) and the
 * answer is its new state. The id is the capability, as for the steps; a token, when sent, must be of the
 * verification's account. Expiring an expired verification answers its state again; a verification that
 * ended otherwise (success, another error) is refused.
 */
export async function expireVerification(deps: VerificationsDeps, id: string, principal: Principal | null, body: () => BodyRead<null>) {
  const v = await loadVerification(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const program = await deps.programs.load(v.programId);
  if (isExpired(v)) return respond(deps, v, program);
  if (TERMINAL_STEPS.has(v.currentStep)) throw VerificationErrors.finished(v, 'expired');
  const next = await endUnfinished(deps, v, program, expiredState(v, 'on request'));
  return respond(deps, next, program);
}

/**
 * Ends an unfinished verification in `patch`'s terminal state; its documents are purged as after a
 * decision (at once, or when the program's retention has passed).
 */
export async function endUnfinished(deps: VerificationsDeps, v: Verification, program: Program, patch: VerificationPatch) {
  const next = await persistMove(deps, v, program, {
    patch,
    reward: false,
    alsoInTransaction: (trx) => deps.documents.schedulePurge(trx, v.id, program.config.documentRetentionDays),
  });
  await deps.documents.purgeDue();
  return next;
}
