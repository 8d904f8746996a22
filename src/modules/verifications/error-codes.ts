import { AppError } from '../../shared/errors.ts';
import type { Verification } from './domain/verification.ts';

const about = (v: Verification) => ({
  verification: { verificationId: v.id, segment: v.segment, subSegment: v.subSegment, locale: v.locale, country: v.country },
});

/** The verifications module's error catalog; codes are the eligibility dialect's errorIds. */
export const VerificationErrors = {
  noVerification: (id: string) => new AppError('noVerification', 404, `Verification with ID '${id}' not found`),
  /** A conversion by tracking id whose account or tracking id names no verification. */
  noTrackingId: () => new AppError('noVerification', 404, 'Account or trackingId not found'),
  /** The program's same-person limit is reached: the step is refused, the verification stays where it was. */
  verificationLimitExceeded: (v: Verification) =>
    new AppError(
      'verificationLimitExceeded',
      429,
      'This person has already redeemed or attempted verification for this offer the number of times the program allows',
      about(v),
    ),
  /** Refused by the abuse defenses (a start or a step): nothing stored; the message does not name the rule. */
  refusedAsAbuse: (v: Verification | null, errorId: string, reason: string) => new AppError(errorId, 429, reason, v ? about(v) : {}),
  invalidStep: (v: Verification, step: string) =>
    new AppError(
      'invalidStep',
      400,
      v.currentStep === 'error' || v.currentStep === 'success'
        ? `Verification '${v.id}' is finished (currentStep '${v.currentStep}'); step '${step}' cannot be submitted`
        : `Step '${step}' is not the current step of verification '${v.id}'; submit '${v.currentStep}'`,
      about(v),
    ),
  /** A request that needs an unfinished verification, on a finished one. */
  finished: (v: Verification, what: string) =>
    new AppError('invalidStep', 400, `Verification '${v.id}' is finished (currentStep '${v.currentStep}'); it cannot be ${what}`, about(v)),
  stepNotAvailable: (v: Verification, step: string) =>
    new AppError('invalidStep', 400, `Step '${step}' is not available for this verification`, about(v)),
  /** A step, or a route of one, that the verification's program does not offer (no override codes, no Remember-Me ...). */
  notInProgram: (v: Verification, step: string) =>
    new AppError(
      'invalidStep',
      400,
      `Step '${step}' is not available for this program: verification '${v.id}' never reaches it (currentStep '${v.currentStep}')`,
      about(v),
    ),
  /** A request about a success (Remember-Me), on a verification that has not succeeded. */
  notSucceeded: (v: Verification, what: string) =>
    new AppError(
      'invalidStep',
      400,
      `Verification '${v.id}' has not succeeded (currentStep '${v.currentStep}'); '${what}' follows a success`,
      about(v),
    ),
  /** A loop route, while the verification is not on that loop. */
  notOnLoop: (v: Verification, loop: 'email' | 'SMS') =>
    new AppError('invalidStep', 400, `Verification '${v.id}' is not on the ${loop} loop (currentStep '${v.currentStep}')`, about(v)),
  smsLimit: (v: Verification) =>
    new AppError('maxSMSCodeLimitExceeded', 400, `No more text messages may be sent for verification '${v.id}'`, about(v)),
  smsAttempts: (v: Verification) =>
    new AppError('incorrectSMSCodeAttemptLimitExceeded', 429, 'User has exceeded the maximum number of SMS code attempts', about(v)),
  smsUnavailable: (v: Verification) =>
    new AppError('unknownError', 503, 'The text message could not be sent; try again in a moment', about(v)),
  /** A sign-in asked for, or answered, while the verification is not on the `sso` step. */
  noSignIn: (v: Verification) =>
    new AppError(
      'invalidStep',
      400,
      `Verification '${v.id}' does not have an ongoing SSO request (currentStep '${v.currentStep}')`,
      about(v),
    ),
  /** The legacy upload's token-in-path is not the verification's. */
  badDocUploadToken: (v: Verification) =>
    new AppError('invalidDocUploadToken', 400, `The document upload token does not belong to verification '${v.id}'`, about(v)),
  /** A DELETE of a step the program does not let the person leave (emailLoopCancellable, ssoCancellable). */
  mustFinish: (v: Verification, step: string) =>
    new AppError('invalidStep', 400, `Step '${step}' cannot be cancelled in this program: the person must complete it`, about(v)),
  /** A DELETE of a step that has nothing to cancel or skip. */
  notCancellable: (v: Verification, step: string) =>
    new AppError(
      'invalidStep',
      400,
      `Step '${step}' cannot be cancelled; only docUpload, collectSocialSecurityNumber, completeAuthentication, sso and emailLoop can`,
      about(v),
    ),
  badBody: (v: Verification | null, errorId: string, message: string) => new AppError(errorId, 400, message, v ? about(v) : {}),
  notMarketplace: (programId: string) =>
    new AppError('invalidProgram', 400, `Program '${programId}' is not setup to perform this step (marketplace)`),
  unauthorizedDomain: (programId: string, host: string | null) =>
    new AppError(
      'unauthorizedDomain',
      403,
      host
        ? `Site '${host}' is not allowed to start verifications of program '${programId}'`
        : `Program '${programId}' only takes verifications started from its allowed sites`,
    ),
  backendOnly: (programId: string) =>
    new AppError('unauthorizedRequest', 401, `Program '${programId}' requires verifications to be created with an API token`),
  overrideAttemptLimit: (v: Verification) =>
    new AppError(
      'incorrectVerificationOverrideCodeAttemptLimitExceeded',
      429,
      'User has exceeded the maximum number of override code attempts',
      about(v),
    ),
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
