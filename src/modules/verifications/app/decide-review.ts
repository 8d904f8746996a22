import { CommonErrors } from '../../../shared/errors.ts';
import { REJECTION_REASONS } from '../../eligibility-terms/index.ts';
import { checkKeys } from '../domain/person-validation.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { persistMove } from './persist-move.ts';
import { respond } from './response-context.ts';

export interface ReviewDecision {
  decision: 'APPROVE' | 'REJECT';
  rejectionReasons: string[];
}

/** `{"decision": "APPROVE"}` or `{"decision": "REJECT", "rejectionReasons": [...]}`, strictly. */
export function parseDecision(body: unknown): ReviewDecision {
  const shape = checkKeys(body, ['decision', 'rejectionReasons']);
  if (shape) throw CommonErrors.invalidRequest(shape.message);
  const { decision, rejectionReasons } = body as { decision?: unknown; rejectionReasons?: unknown };
  if (decision !== 'APPROVE' && decision !== 'REJECT') throw CommonErrors.invalidRequest("decision must be 'APPROVE' or 'REJECT'");
  if (decision === 'APPROVE') {
    if (rejectionReasons !== undefined && !(Array.isArray(rejectionReasons) && rejectionReasons.length === 0)) {
      throw CommonErrors.invalidRequest('An approval carries no rejectionReasons');
    }
    return { decision, rejectionReasons: [] };
  }
  if (!Array.isArray(rejectionReasons) || rejectionReasons.length === 0) {
    throw CommonErrors.invalidRequest('A rejection needs at least one of the rejectionReasons');
  }
  const unknown = rejectionReasons.find((r) => !(REJECTION_REASONS as readonly unknown[]).includes(r));
  if (unknown !== undefined) throw CommonErrors.invalidRequest(`Unknown rejection reason ${JSON.stringify(unknown)}`);
  return { decision, rejectionReasons: [...new Set(rejectionReasons as string[])] };
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
            currentStep: 'error',
            errorIds: ['docReviewLimitExceeded'],
            rejections: [...v.rejections, d.rejectionReasons],
            ...cleared,
            systemErrorMessage: `Documents were rejected ${v.docAttempts} times, the program's maximum; start a new verification`,
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
