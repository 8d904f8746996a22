import { sha256 } from '../../../platform/crypto/index.ts';
import type { Program } from '../../programs/index.ts';
import { isExpired, type Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { persistMove } from './persist-move.ts';
import { respond } from './response-context.ts';
import type { StepBodyReader } from './step-body.ts';

export const OVERRIDE_LIMIT_ERROR = 'incorrectVerificationOverrideCodeAttemptLimitExceeded';

/**
 * `POST .../step/resultOverride {overrideCode}`: the holder of one of the program's override codes (staff
 * helping a person by phone, say) forces approval. Offered on every step but a success, an expired
 * verification and one ended by too many wrong codes, so that it also overrides a refusal. A wrong code is
 * answered on the same step with `invalidOverrideCode` and counted; the program's `maxOverrideAttempts`-th
 * wrong code ends the verification (HTTP 429). The right one succeeds with the program's reward, its
 * documents purged as after a decision, and the details say `other` / `MANUAL`.
 */
export async function resultOverride(deps: VerificationsDeps, v: Verification, program: Program, body: StepBodyReader) {
  const codes = program.config.overrideCodes ?? [];
  if (codes.length === 0) throw VerificationErrors.notInProgram(v, 'resultOverride');
  if (v.currentStep === 'success' || isExpired(v) || v.errorIds.includes(OVERRIDE_LIMIT_ERROR))
    throw VerificationErrors.finished(v, 'overridden');
  const read = body.secret('resultOverride');
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);

  if (read.value === undefined || !codes.includes(sha256(read.value))) {
    const attempts = v.overrideAttempts + 1;
    if (attempts >= (program.config.maxOverrideAttempts ?? 5)) {
      await persistMove(deps, v, program, {
        reward: false,
        patch: {
          overrideAttempts: attempts,
          currentStep: 'error',
          errorIds: [OVERRIDE_LIMIT_ERROR],
          systemErrorMessage: 'User has exceeded the maximum number of override code attempts',
          pendingSince: null,
          autoDecision: null,
          autoDecideAt: null,
        },
        alsoInTransaction: (trx) => deps.documents.schedulePurge(trx, v.id, program.config.documentRetentionDays),
      });
      await deps.documents.purgeDue();
      throw VerificationErrors.overrideAttemptLimit(v);
    }
    const next = await persistMove(deps, v, program, { reward: false, patch: { overrideAttempts: attempts } });
    return { ...(await respond(deps, next, program)), errorIds: ['invalidOverrideCode'] };
  }
  const next = await persistMove(deps, v, program, {
    reward: true,
    patch: {
      currentStep: 'success',
      errorIds: [],
      systemErrorMessage: null,
      approvedBy: 'override',
      pendingSince: null,
      autoDecision: null,
      autoDecideAt: null,
    },
    alsoInTransaction: (trx) => deps.documents.schedulePurge(trx, v.id, program.config.documentRetentionDays),
  });
  await deps.documents.purgeDue();
  return respond(deps, next, program);
}
