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
  version: number;
  created: Date;
  updated: Date;
}

export const TERMINAL_STEPS = new Set(['success', 'error', 'consolation']);
