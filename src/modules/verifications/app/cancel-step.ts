import type { Principal } from '../../../shared/principal.ts';
import { notApprovedEnding, type Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { endUnfinished } from './expire.ts';
import { loadVerification } from './load-verification.ts';
import { persistMove } from './persist-move.ts';
import { leaveAuthentication } from './remember-me.ts';
import { respond } from './response-context.ts';
import type { BodyRead } from './step-body.ts';

/**
 * Why a cancelled document upload ends the verification: the person gave up proving the affiliation, so
 * it ends not approved, on the consolation step where the program offers one (SheerID: "moves the
 * verification to the next step").
 */
const cancelledUpload = (v: Verification) => ({
  errorIds: ['notApproved'],
  systemErrorMessage: `The document upload of verification '${v.id}' was cancelled; the person was not verified. Start a new verification to try again`,
});

const CANCELLABLE = new Set(['docUpload', 'collectSocialSecurityNumber', 'idCheckLoop', 'completeAuthentication', 'sso', 'emailLoop']);

/**
 * `DELETE /verification/{id}/step/{step}`: `docUpload` is cancelled (the verification ends in `error`
 * with `notApproved`, and documents already sent are purged as after a decision);
 * `collectSocialSecurityNumber`, `idCheckLoop`, `sso` and `emailLoop` (where the program allows it) are skipped to `docUpload`; `completeAuthentication` (Remember-Me) leaves
 * for the program's usual first step. Any other step has nothing to cancel. A step
 * that is not the current one is refused, changing nothing; so is a body.
 */
export async function cancelStep(
  deps: VerificationsDeps,
  input: { verificationId: string; step: string; principal: Principal | null; body: () => BodyRead<null> },
) {
  const v = await loadVerification(deps, input.verificationId, input.principal);
  const read = input.body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  if (!CANCELLABLE.has(input.step)) throw VerificationErrors.notCancellable(v, input.step);
  if (v.currentStep !== input.step) throw VerificationErrors.invalidStep(v, input.step);
  const program = await deps.programs.load(v.programId);
  const forbidden =
    (input.step === 'emailLoop' && program.config.emailLoopCancellable === false) ||
    (input.step === 'sso' && program.config.ssoCancellable === false);
  if (forbidden) throw VerificationErrors.mustFinish(v, input.step);
  const next =
    input.step === 'docUpload'
      ? await endUnfinished(deps, v, program, notApprovedEnding(program.config.consolationRewardCode, cancelledUpload(v)))
      : await persistMove(deps, v, program, {
          patch:
            input.step === 'completeAuthentication'
              ? leaveAuthentication(program)
              : { currentStep: 'docUpload', errorIds: [], challengeHash: null, challengeExpiresAt: null },
          reward: false,
        });
  return respond(deps, next, program);
}
