import { AppError } from '../../shared/errors.ts';
import type { Verification } from './domain/verification.ts';

const about = (v: Verification) => ({
  verification: { verificationId: v.id, segment: v.segment, subSegment: v.subSegment, locale: v.locale, country: v.country },
});

/** The verifications module's error catalog; codes are the eligibility dialect's errorIds. */
export const VerificationErrors = {
  noVerification: (id: string) => new AppError('noVerification', 404, `Verification with ID '${id}' not found`),
  invalidStep: (v: Verification, step: string) =>
    new AppError(
      'invalidStep',
      400,
      v.currentStep === 'error' || v.currentStep === 'success'
        ? `Verification '${v.id}' is finished (currentStep '${v.currentStep}'); step '${step}' cannot be submitted`
        : `Step '${step}' is not the current step of verification '${v.id}'; submit '${v.currentStep}'`,
      about(v),
    ),
  stepNotAvailable: (v: Verification, step: string) =>
    new AppError('invalidStep', 400, `Step '${step}' is not available for this verification`, about(v)),
  badBody: (v: Verification | null, errorId: string, message: string) => new AppError(errorId, 400, message, v ? about(v) : {}),
  backendOnly: (programId: string) =>
    new AppError('unauthorizedRequest', 401, `Program '${programId}' requires verifications to be created with an API token`),
  docReviewLimit: (v: Verification) =>
    new AppError('docReviewLimitExceeded', 429, 'User has exceeded the maximum number of document reviews', about(v)),
  alreadyDecided: (v: Verification) =>
    new AppError(
      'alreadyDecided',
      409,
      `Verification '${v.id}' is not awaiting review (currentStep '${v.currentStep}'); a decision is never overwritten`,
      about(v),
    ),
  concurrentChange: (v: Verification) =>
    new AppError('invalidStep', 409, `Verification '${v.id}' was changed by another request; fetch its status and retry`, about(v)),
} as const;
