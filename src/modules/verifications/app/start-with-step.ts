import { AppError } from '../../../shared/errors.ts';
import { PERSON_STEPS, SEGMENTS } from '../../eligibility-terms/index.ts';
import { fixedSubSegment } from '../../programs/index.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { admitProgram, startVerification, type RequestFacts } from './start-verification.ts';
import type { StepBodyReader } from './step-body.ts';
import { stepOfPath, submitStep } from './submit-step.ts';

/**
 * `POST /verification/program/{programId}/step/{step}`: create and submit the first step in one call.
 * The body's shape is checked before anything is created, so a rejected body leaves no verification behind.
 */
export async function startWithFirstStep(
  deps: VerificationsDeps,
  programId: string,
  stepPath: string,
  body: StepBodyReader,
  facts: RequestFacts,
) {
  const program = await admitProgram(deps, programId, facts);
  const first = SEGMENTS[program.segment].firstStep(fixedSubSegment(program));
  if (stepOfPath(stepPath) !== first) {
    throw new AppError('invalidStep', 400, `Program '${program.id}' starts with step '${first}', not '${stepPath}'`);
  }
  const shape = PERSON_STEPS[first] ? body.person(first) : body.militaryStatus();
  if (shape.kind === 'invalidRequest') throw VerificationErrors.badBody(null, shape.errorId, shape.message);
  const { verification } = await startVerification(deps, { programId: program.id }, facts);
  return submitStep(deps, { verificationId: verification.id, stepPath, body, facts });
}
