import type { Principal } from '../../../shared/principal.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { persistMove } from './persist-move.ts';

/** How a sign-in at the organization ended, as the sso module tells it. */
export type SignInResult = { ok: true } | { ok: false; reason: string };

/**
 * `GET .../step/sso`: where the person's browser goes to sign in at the organization (the route answers
 * 307 to it). Only while the verification stands on `sso`.
 */
export async function signInUrl(deps: VerificationsDeps, id: string, principal: Principal | null): Promise<string> {
  const v = await loadVerification(deps, id, principal);
  if (v.currentStep !== 'sso') throw VerificationErrors.noSignIn(v);
  return deps.sso.begin(v);
}

/**
 * The sign-in came back (called by the sso module once it has checked the provider's answer): the
 * affiliation proved, the verification succeeds with its reward; otherwise documents are asked for, the
 * reason in `errorIds`. A verification no longer on `sso` (cancelled, or a repeated callback) is left as
 * it is, and the answer says so.
 */
export async function finishSignIn(deps: VerificationsDeps, verificationId: string, result: SignInResult) {
  const v = await deps.repo.findById(verificationId);
  if (!v) throw VerificationErrors.noVerification(verificationId);
  if (v.currentStep !== 'sso') throw VerificationErrors.noSignIn(v);
  const program = await deps.programs.load(v.programId);
  return persistMove(
    deps,
    v,
    program,
    result.ok
      ? { reward: true, patch: { currentStep: 'success', errorIds: [], approvedBy: 'sso' } }
      : { reward: false, patch: { currentStep: 'docUpload', errorIds: [result.reason] } },
  );
}
