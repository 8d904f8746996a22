import type { Verification } from './verification.ts';

/**
 * What a verification proved, as its details tell an integrator (SheerID's VerificationDetails):
 * `confirmedSegments`, `approvingVerificationTypes` and `verificationMethod`. All three are read from
 * the verification's own state, so they say the same thing whenever they are asked.
 */

/** SheerID's names for the ways a verification can be approved. */
export const VERIFICATION_TYPES = [
  'authoritative',
  'domainValidation',
  'documentReview',
  'emailLoop',
  'honorSystem',
  'other',
  'predictive',
  'smsLoop',
  'sso',
] as const;
export type VerificationType = (typeof VERIFICATION_TYPES)[number];

/** A segment the person was confirmed in. */
export interface ConfirmedSegment {
  segment: string;
  subSegment: string | null;
  /** The organization the person was confirmed at (null for segments without one: age, senior, identity ...). */
  organization: { id: number; name: string | null } | null;
  active: boolean;
  /** The period of the affiliation, when a source states it; Vouch's sources do not, so null. */
  startDate: string | null;
  endDate: string | null;
}

/** Segments a live program decides from the birth date the person typed, with nothing to check it against. */
const SELF_DECLARED = new Set(['age', 'senior']);

/** The segment a successful verification confirmed, or none. */
export function confirmedSegments(v: Verification): ConfirmedSegment[] {
  if (v.currentStep !== 'success') return [];
  return [
    {
      segment: v.segment,
      subSegment: v.subSegment,
      organization: v.organizationId !== null ? { id: v.organizationId, name: v.organizationName } : null,
      active: true,
      startDate: null,
      endDate: null,
    },
  ];
}

/**
 * `INSTANT` when the person step matched at once, `MANUAL` when documents were reviewed or an override
 * code was given; null until the verification succeeds.
 */
export function verificationMethod(v: Verification): 'INSTANT' | 'MANUAL' | null {
  if (v.currentStep !== 'success') return null;
  return v.docAttempts > 0 || v.approvedBy === 'override' ? 'MANUAL' : 'INSTANT';
}

/**
 * How the success was reached: `other` for an override code or the ID check (SheerID names no type for
 * it); `documentReview` after documents; otherwise `authoritative` (the account's
 * roster and organization directory, or a test program standing in for them), except a live age or senior
 * program, which has only the birth date the person typed (`honorSystem`). Empty until it succeeds.
 */
export function approvingVerificationTypes(v: Verification): VerificationType[] {
  const method = verificationMethod(v);
  if (method === null) return [];
  if (v.approvedBy === 'override' || v.approvedBy === 'idCheck') return ['other'];
  if (v.approvedBy === 'sso') return ['sso'];
  if (v.approvedBy === 'emailLoop') return ['emailLoop'];
  if (method === 'MANUAL') return ['documentReview'];
  return !v.testMode && SELF_DECLARED.has(v.segment) ? ['honorSystem'] : ['authoritative'];
}
