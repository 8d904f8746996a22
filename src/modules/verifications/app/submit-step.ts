import { MILITARY_STATUSES, PERSON_STEPS } from '../../eligibility-terms/index.ts';
import type { Program } from '../../programs/index.ts';
import { TERMINAL_STEPS, type Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { marketplaceToken } from './marketplace.ts';
import { persistMove } from './persist-move.ts';
import { completeUpload, declareFiles } from './document-steps.ts';
import { completeEmailLoop } from './email-loop.ts';
import { completeSmsLoop } from './sms-loop.ts';
import { completeIdCheck } from './id-check.ts';
import { socialSecurityNumber } from './ssn-step.ts';
import { type Outcome, personInfo } from './person-step.ts';
import { authenticate, fillGaps, identify } from './remember-me.ts';
import { judge, refusalMessage } from './abuse-check.ts';
import { respond } from './response-context.ts';
import { resultOverride } from './result-override.ts';
import type { RequestFacts } from './start-verification.ts';
import type { BodyRead, MilitaryStatusBody, StepBodyReader } from './step-body.ts';

/** A step path as posted: the licensed-professional step is also reachable under its documented path name. */
export function stepOfPath(path: string): string {
  return Object.values(PERSON_STEPS).find((d) => d.pathAliases?.includes(path))?.step ?? path;
}

/** Steps posted while the verification is on another step name: completeDocUpload belongs to docUpload. */
const SUB_STEPS: Record<string, string> = { completeDocUpload: 'docUpload' };

/**
 * `POST /verification/{id}/step/{step}`. Field problems answer on the same step and change nothing; a
 * shape problem or a step out of order is refused and changes nothing; otherwise the verification moves on.
 * The body is read by the schema of the step once the step is known to be the verification's current one.
 */
export async function submitStep(
  deps: VerificationsDeps,
  input: { verificationId: string; stepPath: string; body: StepBodyReader; facts: RequestFacts },
) {
  const v = await loadVerification(deps, input.verificationId, input.facts.principal);
  const step = stepOfPath(input.stepPath);
  // Offered beside whatever step the verification stands on.
  if (step === 'resultOverride') return resultOverride(deps, v, await deps.programs.load(v.programId), input.body);
  if (TERMINAL_STEPS.has(v.currentStep) || v.currentStep !== (SUB_STEPS[step] ?? step)) {
    throw VerificationErrors.invalidStep(v, input.stepPath);
  }
  const program = await deps.programs.load(v.programId);
  const verdict = await judge(deps, program, v, { kind: 'step', ip: input.facts.clientIp });
  if (!verdict.ok) throw VerificationErrors.refusedAsAbuse(v, verdict.errorId, refusalMessage(verdict.errorId));

  const body = input.body;
  let outcome: Outcome;
  if (step === 'collectMilitaryStatus') outcome = militaryStatus(program, read(v, body.militaryStatus()));
  else if (step === 'docUpload') outcome = await declareFiles(deps, v, program, () => read(v, body.files()));
  else if (step === 'completeDocUpload') outcome = await completeUpload(deps, v, program, read(v, body.empty()));
  else if (step === 'collectMarketplaceToken')
    outcome = { kind: 'move', ...marketplaceToken(deps, v, program, read(v, body.secret('collectMarketplaceToken'))) };
  else if (step === 'collectSocialSecurityNumber') outcome = await socialSecurityNumber(deps, v, program, read(v, body.ssn()));
  else if (step === 'idCheckLoop') outcome = await completeIdCheck(deps, v, program, read(v, body.idCheck()));
  else if (step === 'smsLoop') outcome = await completeSmsLoop(deps, v, program, read(v, body.secret('smsLoop')));
  else if (step === 'emailLoop') outcome = await completeEmailLoop(deps, v, program, read(v, body.secret('emailLoop')));
  else if (step === 'collectIdentifier') outcome = await identify(deps, v, program, read(v, body.secret('collectIdentifier')));
  else if (step === 'completeAuthentication')
    outcome = await authenticate(deps, v, program, read(v, body.secret('completeAuthentication')));
  else if (step === 'collectPersonalInfo') outcome = await fillGaps(deps, v, program, body);
  else if (PERSON_STEPS[step]) outcome = await personInfo(deps, v, program, read(v, body.person(step)), input.facts.clientIp);
  else throw VerificationErrors.stepNotAvailable(v, input.stepPath);

  if (outcome.kind === 'fieldErrors') return { ...(await respond(deps, v, program, outcome.documents)), errorIds: outcome.errorIds };
  const next = await persistMove(deps, v, program, outcome);
  return respond(deps, next, program, outcome.documents);
}

/** The body as its step's schema read it, or the refusal of a body of the wrong shape (non-recoverable). */
function read<T>(v: Verification, r: BodyRead<T>): T {
  if (r.kind !== 'ok') throw VerificationErrors.badBody(v, r.errorId, r.message);
  return r.value;
}

function militaryStatus(program: Program, { status }: MilitaryStatusBody): Outcome {
  const target = status !== undefined && Object.hasOwn(MILITARY_STATUSES, status) ? MILITARY_STATUSES[status] : undefined;
  const offered = program.config.subSegments;
  if (!target || (offered?.length && !offered.includes(target.subSegment)))
    return { kind: 'fieldErrors', errorIds: ['invalidMilitaryStatus'] };
  return { kind: 'move', reward: false, patch: { currentStep: target.step, subSegment: target.subSegment, errorIds: [] } };
}
