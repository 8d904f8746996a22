import { MILITARY_STATUSES, PERSON_STEPS } from '../../eligibility-terms/index.ts';
import type { Program } from '../../programs/index.ts';
import { testModeDecision, type Decision } from '../domain/decision.ts';
import type { ResponseDocument } from '../domain/response.ts';
import { checkKeys, validatePerson, type Person } from '../domain/person-validation.ts';
import { TERMINAL_STEPS, type Verification } from '../domain/verification.ts';
import type { VerificationPatch } from '../infra/verifications-repository.ts';
import { VerificationErrors } from '../error-codes.ts';
import { decidePerson } from './decide-person.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { persistMove, type Move } from './persist-move.ts';
import { respond } from './response-context.ts';
import type { RequestFacts } from './start-verification.ts';

/** A step path as posted: the licensed-professional step is also reachable under its documented path name. */
export function stepOfPath(path: string): string {
  return Object.values(PERSON_STEPS).find((d) => d.pathAliases?.includes(path))?.step ?? path;
}

type Outcome = { kind: 'fieldErrors'; errorIds: string[]; documents?: ResponseDocument[] } | ({ kind: 'move' } & Move);

/** Steps posted while the verification is on another step name: completeDocUpload belongs to docUpload. */
const SUB_STEPS: Record<string, string> = { completeDocUpload: 'docUpload' };

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
  if (TERMINAL_STEPS.has(v.currentStep) || v.currentStep !== (SUB_STEPS[step] ?? step)) {
    throw VerificationErrors.invalidStep(v, input.stepPath);
  }
  const program = await deps.programs.load(v.programId);

  let outcome: Outcome;
  if (step === 'collectMilitaryStatus') outcome = militaryStatus(v, program, input.body);
  else if (step === 'docUpload') outcome = await declareFiles(deps, v, program, input.body);
  else if (step === 'completeDocUpload') outcome = await completeUpload(deps, v, program, input.body);
  else if (PERSON_STEPS[step]) outcome = await personInfo(deps, v, program, input.body);
  else throw VerificationErrors.stepNotAvailable(v, input.stepPath);

  if (outcome.kind === 'fieldErrors') return { ...(await respond(deps, v, program, outcome.documents)), errorIds: outcome.errorIds };
  const next = await persistMove(deps, v, program, outcome);
  return respond(deps, next, program, outcome.documents);
}

function militaryStatus(v: Verification, program: Program, body: unknown): Outcome {
  const keyProblem = checkKeys(body, ['status']);
  if (keyProblem) throw VerificationErrors.badBody(v, keyProblem.errorId, keyProblem.message);
  const status = (body as { status?: unknown }).status;
  if (status !== undefined && typeof status !== 'string')
    throw VerificationErrors.badBody(v, 'invalidRequest', "Property 'status' must be a string");
  const target = typeof status === 'string' && Object.hasOwn(MILITARY_STATUSES, status) ? MILITARY_STATUSES[status] : undefined;
  const offered = program.config.subSegments;
  if (!target || (offered?.length && !offered.includes(target.subSegment)))
    return { kind: 'fieldErrors', errorIds: ['invalidMilitaryStatus'] };
  return { kind: 'move', reward: false, patch: { currentStep: target.step, subSegment: target.subSegment, errorIds: [] } };
}

/** docUpload: the person lists the files they will send; each gets its own upload URL. */
async function declareFiles(deps: VerificationsDeps, v: Verification, program: Program, body: unknown): Promise<Outcome> {
  if (v.docAttempts >= program.config.maxDocUploadAttempts) throw VerificationErrors.docReviewLimit(v);
  const check = deps.documents.check(body, { maxFiles: MAX_FILES_PER_ATTEMPT, maxFileSize: program.config.maxFileSizeBytes });
  if (check.kind === 'invalidRequest') throw VerificationErrors.badBody(v, check.errorId, check.message);
  if (check.kind === 'fileErrors') {
    const documents = check.perFile.map((f) => ({
      documentId: null as unknown as string,
      status: 'ERROR',
      mimeType: String(f.mimeType),
      fileSize: Number(f.fileSize),
      uploadUrl: null,
      errors: f.errors,
    }));
    return { kind: 'fieldErrors', errorIds: check.errorIds, documents };
  }
  const documents = await deps.documents.declare(v, v.docAttempts + 1, check.files);
  // The state does not move (still docUpload), but the response changes: record it with a version bump.
  return { kind: 'move', reward: false, patch: { errorIds: [] }, documents };
}

/** completeDocUpload: every declared file has arrived; the verification waits for review. */
async function completeUpload(deps: VerificationsDeps, v: Verification, program: Program, body: unknown): Promise<Outcome> {
  if (body !== undefined && body !== null && !(typeof body === 'object' && Object.keys(body).length === 0)) {
    throw VerificationErrors.badBody(v, 'invalidRequest', 'completeDocUpload takes an empty body');
  }
  const attempt = v.docAttempts + 1;
  const documents = await deps.documents.attempt(v.id, attempt);
  if (documents.length === 0 || documents.some((d) => d.status !== 'FINISHED')) {
    return { kind: 'fieldErrors', errorIds: ['noValidFiles'], documents };
  }
  const now = deps.clock.now();
  const auto = program.testMode ? testModeDecision(await deps.documents.fileNames(v.id, attempt)) : null;
  return {
    kind: 'move',
    reward: false,
    documents,
    patch: {
      currentStep: 'pending',
      errorIds: [],
      docAttempts: attempt,
      pendingSince: now,
      autoDecision: auto,
      autoDecideAt: auto ? new Date(now.getTime() + deps.testReviewDelaySeconds * 1000) : null,
    },
  };
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

export const MAX_FILES_PER_ATTEMPT = 5;

function stepFor(decision: Exclude<Decision, { kind: 'fieldErrors' }>): VerificationPatch {
  switch (decision.kind) {
    case 'success':
      return { currentStep: 'success', errorIds: [] };
    case 'docUpload':
      return { currentStep: 'docUpload', errorIds: [] };
    case 'error':
      return { currentStep: 'error', errorIds: [decision.errorId], systemErrorMessage: decision.message };
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
