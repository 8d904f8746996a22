import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/db/index.ts';
import { MILITARY_STATUSES, PERSON_STEPS } from '../../eligibility-terms/index.ts';
import { autogenCode, rewardPlan, type Program } from '../../programs/index.ts';
import type { Decision } from '../domain/decision.ts';
import { checkKeys, validatePerson, type Person } from '../domain/person-validation.ts';
import { TERMINAL_STEPS, type Verification } from '../domain/verification.ts';
import type { VerificationPatch } from '../infra/verifications-repository.ts';
import { VerificationErrors } from '../error-codes.ts';
import { decidePerson } from './decide-person.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { respond } from './response-context.ts';
import type { RequestFacts } from './start-verification.ts';

/** A step path as posted: the licensed-professional step is also reachable under its documented path name. */
export function stepOfPath(path: string): string {
  return Object.values(PERSON_STEPS).find((d) => d.pathAliases?.includes(path))?.step ?? path;
}

type Outcome = { kind: 'fieldErrors'; errorIds: string[] } | { kind: 'move'; patch: VerificationPatch; reward: boolean };

/**
 * `POST /verification/{id}/step/{step}`. Field problems answer on the same step and change nothing; a
 * shape problem or a step out of order is refused and changes nothing; otherwise the verification moves on.
 */
export async function submitStep(
  deps: VerificationsDeps,
  input: { verificationId: string; stepPath: string; body: unknown; facts: RequestFacts },
) {
  const v = await loadVerification(deps, input.verificationId, input.facts.principal);
  const step = stepOfPath(input.stepPath);
  if (TERMINAL_STEPS.has(v.currentStep) || v.currentStep !== step) throw VerificationErrors.invalidStep(v, input.stepPath);
  const program = await deps.programs.load(v.programId);

  let outcome: Outcome;
  if (step === 'collectMilitaryStatus') outcome = militaryStatus(v, program, input.body);
  else if (PERSON_STEPS[step]) outcome = await personInfo(deps, v, program, input.body);
  else throw VerificationErrors.stepNotAvailable(v, input.stepPath);

  if (outcome.kind === 'fieldErrors') return { ...respond(v, program, deps.publicUrl), errorIds: outcome.errorIds };
  const next = await persist(deps, v, program, outcome);
  return respond(next, program, deps.publicUrl);
}

function militaryStatus(v: Verification, program: Program, body: unknown): Outcome {
  const keyProblem = checkKeys(body, ['status']);
  if (keyProblem) throw VerificationErrors.badBody(v, keyProblem.errorId, keyProblem.message);
  const status = (body as { status?: unknown }).status;
  if (status !== undefined && typeof status !== 'string') throw VerificationErrors.badBody(v, 'invalidRequest', "Property 'status' must be a string");
  const target = typeof status === 'string' ? MILITARY_STATUSES[status] : undefined;
  const offered = program.config.subSegments;
  if (!target || (offered?.length && !offered.includes(target.subSegment))) return { kind: 'fieldErrors', errorIds: ['invalidMilitaryStatus'] };
  return { kind: 'move', reward: false, patch: { currentStep: target.step, subSegment: target.subSegment, errorIds: [] } };
}

async function personInfo(deps: VerificationsDeps, v: Verification, program: Program, body: unknown): Promise<Outcome> {
  const def = PERSON_STEPS[v.currentStep];
  const validation = validatePerson(def, body, {
    today: deps.clock.now(),
    openOrgSearchEnabled: program.config.openOrgSearchEnabled,
    allowedSubSegments: program.config.subSegments?.length ? program.config.subSegments : null,
    marketConsentRequired: program.config.marketConsent?.required === true,
  });
  if (validation.kind === 'invalidRequest') throw VerificationErrors.badBody(v, validation.errorId, validation.message);
  if (validation.kind === 'fieldErrors') return validation;
  const { person, metadata } = validation;
  const { decision, organization } = await decidePerson(deps, program, person);
  if (decision.kind === 'fieldErrors') return decision;

  const subSegment = person.statuses?.length && def.statuses ? def.statuses[person.statuses[0]] : v.subSegment;
  return {
    kind: 'move',
    reward: decision.kind === 'success',
    patch: {
      ...stepFor(decision),
      subSegment,
      organizationId: organization?.id ?? null,
      organizationName: organization?.name ?? null,
      personId: personIdOf(deps, person),
      personEnc: deps.box.encryptJson(person),
      ...(Object.keys(metadata).length ? { metadataEnc: await mergedMetadata(deps, v, metadata) } : {}),
    },
  };
}

function stepFor(decision: Exclude<Decision, { kind: 'fieldErrors' }>): VerificationPatch {
  switch (decision.kind) {
    case 'success': return { currentStep: 'success', errorIds: [] };
    case 'docUpload': return { currentStep: 'docUpload', errorIds: [] };
    case 'error': return { currentStep: 'error', errorIds: [decision.errorId], systemErrorMessage: decision.message };
  }
}

/** SheerID's person id: the same first name, last name and birth date give the same id, without revealing them. */
const personIdOf = (deps: VerificationsDeps, p: Person) =>
  deps.box.digest(`person:${p.firstName.toLowerCase()}|${p.lastName.toLowerCase()}|${p.birthDate ?? ''}`).slice(0, 24);

async function mergedMetadata(deps: VerificationsDeps, v: Verification, metadata: Record<string, string>) {
  const stored = await deps.repo.findSecrets(v.accountId, v.id);
  const previous = stored?.metadata_enc ? deps.box.decryptJson<Record<string, string>>(stored.metadata_enc) : {};
  return deps.box.encryptJson({ ...previous, ...metadata });
}

/**
 * Applies the move under the row lock, so two submissions of one step cannot both win; a reward code
 * from the pool is claimed in the same transaction, so it is spent only if the success is stored.
 */
async function persist(deps: VerificationsDeps, v: Verification, program: Program, outcome: Extract<Outcome, { kind: 'move' }>) {
  const now = deps.clock.now();
  return deps.repo.db.transaction().execute(async (trx: Database) => {
    const current = await deps.repo.findById(v.id, trx, true);
    if (!current || current.version !== v.version) throw VerificationErrors.concurrentChange(v);
    const patch = outcome.reward ? { ...outcome.patch, ...(await reward(deps, trx, program, v.id, now)) } : outcome.patch;
    const next = await deps.repo.update(trx, current, patch, now);
    await deps.repo.recordStep(trx, next, respond(next, program, deps.publicUrl));
    return next;
  });
}

async function reward(deps: VerificationsDeps, trx: Database, program: Program, verificationId: string, now: Date): Promise<VerificationPatch> {
  const plan = rewardPlan(program);
  switch (plan.kind) {
    case 'none': return { rewardCode: null };
    case 'fixed': return { rewardCode: plan.code };
    case 'generate': return { rewardCode: autogenCode(randomBytes(10)) };
    case 'pool': {
      const code = await deps.programs.claimRewardCode(trx, program.id, verificationId, now);
      return code !== undefined ? { rewardCode: code } : {
        currentStep: 'error', errorIds: ['noRemainingRewardCodes'],
        systemErrorMessage: `No reward codes remaining for program with ID '${program.id}'`,
      };
    }
  }
}
