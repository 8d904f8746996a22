import { MILITARY_STATUSES } from '../../eligibility-terms/index.ts';
import { ageBounds, type Program } from '../../programs/index.ts';
import { presentResponse, type ResponseContext } from '../domain/response.ts';
import type { Verification } from '../domain/verification.ts';
import type { VerificationsDeps } from './deps.ts';
import { MAX_EMAIL_LOOP_SENDS } from './email-loop.ts';

function responseContext(program: Program, publicUrl: string): Omit<ResponseContext, 'documents'> {
  const subs = program.config.subSegments;
  return {
    publicUrl,
    redirectUrl: program.config.redirectUrl ?? null,
    consolationRewardCode: program.config.consolationRewardCode ?? null,
    maxReviewTime: program.config.maxReviewTime,
    estimatedReviewTime: program.config.estimatedReviewTime,
    ...ageBounds(program),
    emailLoop: { cancellable: program.config.emailLoopCancellable !== false, maxSends: MAX_EMAIL_LOOP_SENDS },
    availableStatuses: Object.entries(MILITARY_STATUSES)
      .filter(([, m]) => !subs?.length || subs.includes(m.subSegment))
      .map(([status]) => status),
  };
}

/** The response for a verification's state; document steps list the documents of their attempt. */
export async function respond(deps: VerificationsDeps, v: Verification, program: Program, documents?: ResponseContext['documents']) {
  const attempt = v.currentStep === 'docUpload' ? v.docAttempts + 1 : v.currentStep === 'pending' ? v.docAttempts : 0;
  const docs = documents ?? (attempt > 0 ? await deps.documents.attempt(v.id, attempt) : []);
  return presentResponse(v, { ...responseContext(program, deps.publicUrl), documents: docs });
}
