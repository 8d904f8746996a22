/** A verification as the engine sees it: the current step and what the response needs. PII lives elsewhere. */
export interface Verification {
  id: string;
  accountId: string;
  programId: string;
  segment: string;
  subSegment: string | null;
  currentStep: string;
  locale: string;
  country: string;
  testMode: boolean;
  trackingId: string | null;
  errorIds: string[];
  systemErrorMessage: string | null;
  /** Finer reasons of an `error` ending (SheerID's `errorDetailId`): the ID check's `govIdMismatch` or `unableToVerify`. */
  errorDetailIds: string[];
  rewardCode: string | null;
  organizationId: number | null;
  organizationName: string | null;
  personId: string | null;
  /** Document batches submitted for review so far. */
  docAttempts: number;
  /** Rejection reasons of each rejected batch, oldest first. */
  rejections: string[][];
  pendingSince: Date | null;
  /** Test mode: the decision the special file names ask for, and when it is due. */
  autoDecision: string | null;
  autoDecideAt: Date | null;
  /** Wrong override codes tried (`resultOverride`). */
  overrideAttempts: number;
  /** How it was approved when neither a source nor a review did: 'override'. */
  approvedBy: string | null;
  /**
   * The digest of the secret the person must give back on the current step (the marketplace's
   * verification token, the Remember-Me authentication code), when it expires, and wrong tries so far.
   */
  challengeHash: string | null;
  challengeExpiresAt: Date | null;
  challengeAttempts: number;
  /** Codes the current loop has sent (the email loop's resends are limited). */
  loopSends: number;
  version: number;
  created: Date;
  updated: Date;
}

export const TERMINAL_STEPS = new Set(['success', 'error', 'consolation']);

/**
 * How a verification ends not approved: the `error` step with the reason, or, when the program offers a
 * consolation, the `consolation` step (the reason kept in `errorIds`), whose answer carries the code.
 */
export const notApprovedEnding = (
  consolationRewardCode: string | null | undefined,
  ending: { errorIds: string[]; systemErrorMessage: string },
) => ({
  currentStep: consolationRewardCode ? 'consolation' : 'error',
  ...ending,
});

/** A verification ended by expiry (asked for, or by a purge of its person data). */
export const isExpired = (v: Verification) => v.currentStep === 'error' && v.errorIds.includes('expiredVerification');

/**
 * The state an unfinished verification is left in when it is expired: the `error` step with
 * `expiredVerification`, as SheerID answers a verification no longer completed. A review it awaited is
 * dropped with it.
 */
export const expiredState = (v: Verification, why: string) => ({
  currentStep: 'error',
  errorIds: ['expiredVerification'],
  systemErrorMessage: `Verification '${v.id}' was expired ${why}; start a new verification`,
  pendingSince: null,
  autoDecision: null,
  autoDecideAt: null,
});
