import { notApprovedEnding, type Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { persistMove } from './persist-move.ts';
import { respond } from './response-context.ts';

/** A reviewer's decision, as the route's schema reads it (http/bodies.ts): reasons only with a rejection, each once. */
export interface ReviewDecision {
  decision: 'APPROVE' | 'REJECT';
  rejectionReasons: string[];
}

/**
 * A reviewer's decision on a pending verification. Approval succeeds with a reward; rejection sends the
 * person back to docUpload with the reasons, or ends in `docReviewLimitExceeded` after the program's last
 * attempt. One decision per attempt: a second reviewer gets a conflict, never an overwrite.
 */
export async function decideReview(
  deps: VerificationsDeps,
  input: { accountId: string; verificationId: string; decision: ReviewDecision; decidedBy: string },
) {
  const v = await deps.repo.findById(input.verificationId);
  if (!v || v.accountId !== input.accountId) throw VerificationErrors.noVerification(input.verificationId);
  return applyDecision(deps, v, input.decision, input.decidedBy);
}

export async function applyDecision(deps: VerificationsDeps, v: Verification, d: ReviewDecision, decidedBy: string) {
  if (v.currentStep !== 'pending') throw VerificationErrors.alreadyDecided(v);
  const program = await deps.programs.load(v.programId);
  const lastAttempt = v.docAttempts >= program.config.maxDocUploadAttempts;
  const cleared = { autoDecision: null, autoDecideAt: null, pendingSince: null };
  const patch =
    d.decision === 'APPROVE'
      ? { currentStep: 'success', errorIds: [], ...cleared }
      : lastAttempt
        ? {
            ...notApprovedEnding(program.config.consolationRewardCode, {
              errorIds: ['docReviewLimitExceeded'],
              systemErrorMessage: `Documents were rejected ${v.docAttempts} times, the program's maximum; start a new verification`,
            }),
            rejections: [...v.rejections, d.rejectionReasons],
            ...cleared,
          }
        : { currentStep: 'docUpload', errorIds: [], rejections: [...v.rejections, d.rejectionReasons], ...cleared };
  const next = await persistMove(deps, v, program, {
    patch,
    reward: d.decision === 'APPROVE',
    alsoInTransaction: async (trx) => {
      const recorded = await deps.repo.insertReviewDecision(trx, {
        account_id: v.accountId,
        verification_id: v.id,
        attempt: v.docAttempts,
        decision: d.decision,
        rejection_reasons: d.rejectionReasons,
        decided_by: decidedBy,
      });
      if (!recorded) throw VerificationErrors.alreadyDecided(v);
      await deps.documents.schedulePurge(trx, v.id, program.config.documentRetentionDays);
    },
  });
  await deps.documents.purgeDue();
  return respond(deps, next, program);
}
