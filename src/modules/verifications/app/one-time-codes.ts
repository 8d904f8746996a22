import { randomInt } from 'node:crypto';
import type { Verification } from '../domain/verification.ts';
import type { VerificationsDeps } from './deps.ts';

/**
 * The 6-digit codes a person gives back on a step (Remember-Me, the email and SMS loops). Only a keyed
 * digest is kept on the verification, bound to it and to what the code is for; a code expires, and a new
 * one replaces the one before.
 */
export type CodePurpose = 'auth-code' | 'email-loop' | 'sms-loop';

const digest = (deps: VerificationsDeps, purpose: CodePurpose, v: Verification, code: string) =>
  deps.box.digest(`${purpose}:${v.id}:${code.trim()}`);

/** A new code, and what the verification keeps of it. */
export function issueCode(deps: VerificationsDeps, v: Verification, purpose: CodePurpose, ttlMs: number) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return {
    code,
    kept: {
      challengeHash: digest(deps, purpose, v, code),
      challengeExpiresAt: new Date(deps.clock.now().getTime() + ttlMs),
      challengeAttempts: 0,
    },
  };
}

/** Whether `code` is the verification's current one for `purpose` (a late one is not). */
export const codeState = (
  deps: VerificationsDeps,
  v: Verification,
  purpose: CodePurpose,
  code: string | undefined,
): 'right' | 'wrong' | 'late' => {
  if (v.challengeHash === null || !v.challengeExpiresAt || v.challengeExpiresAt <= deps.clock.now()) return 'late';
  return code !== undefined && digest(deps, purpose, v, code) === v.challengeHash ? 'right' : 'wrong';
};

/** What a spent or abandoned code leaves. */
export const NO_CODE = { challengeHash: null, challengeExpiresAt: null } as const;
