import type { Database } from '../../../platform/db/index.ts';
import { PERSON_STEPS } from '../../eligibility-terms/index.ts';
import type { Program } from '../../programs/index.ts';
import type { Decision } from '../domain/decision.ts';
import { validatePerson, type Person } from '../domain/person-validation.ts';
import type { ResponseDocument } from '../domain/response.ts';
import type { Verification } from '../domain/verification.ts';
import type { VerificationPatch } from '../infra/verifications-repository.ts';
import { VerificationErrors } from '../error-codes.ts';
import { decidePerson, type PersonDecision } from './decide-person.ts';
import { mailLoopCode, withEmailLoop } from './email-loop.ts';
import { textLoopCode, withSmsLoop } from './sms-loop.ts';
import { judge, refusalMessage } from './abuse-check.ts';
import { samePersonText } from '../domain/same-person.ts';
import type { VerificationsDeps } from './deps.ts';
import type { Move } from './persist-move.ts';
import type { PersonBody } from './step-body.ts';
import { checkVerificationLimit, countTowardLimit } from './verification-limits.ts';

/** What a step submission comes to: errorIds on the same step, or a move. */
export type Outcome = { kind: 'fieldErrors'; errorIds: string[]; documents?: ResponseDocument[] } | ({ kind: 'move' } & Move);

/**
 * A person step (`v.currentStep` names which): the body judged by the step's rules, the same-person limit,
 * the abuse defenses (a refusal ends the verification, the reason kept for the integrator), then the
 * decision from the sources. Also reached from Remember-Me with the person remembered.
 */
export async function personInfo(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  body: PersonBody,
  ip: string | null = null,
): Promise<Outcome> {
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
  const limitKey = await checkVerificationLimit(deps, v, program, person);
  const verdict = await judge(deps, program, v, {
    kind: 'person',
    ip,
    email: person.email,
    personKey: deps.box.digest(samePersonText(person)),
    deviceFingerprintHash: typeof person.deviceFingerprintHash === 'string' ? person.deviceFingerprintHash : undefined,
  });
  if (!verdict.ok)
    return {
      kind: 'move',
      reward: false,
      patch: {
        currentStep: 'error',
        errorIds: [verdict.errorId],
        systemErrorMessage: refusalMessage(verdict.errorId),
        personId: personIdOf(deps, person),
        personEnc: deps.box.encryptJson(person),
      },
    };
  const decided = await decidePerson(deps, program, person);
  const { organization } = decided;
  const decision = await otherMethod(deps, program, person, decided);
  if (decision.kind === 'fieldErrors') return decision;
  // A loop's first code is sent before the move is stored.
  const fresh = { ...v, loopSends: 0 };
  const loop =
    decision.kind !== 'loop'
      ? {}
      : decision.step === 'emailLoop'
        ? await mailLoopCode(deps, fresh, program, person.email)
        : decision.step === 'smsLoop'
          ? await textLoopCode(deps, fresh, program, String(person.phoneNumber))
          : {};

  const subSegment = person.statuses?.length && def.statuses ? def.statuses[person.statuses[0]] : v.subSegment;
  return {
    kind: 'move',
    reward: decision.kind === 'success',
    // Counted against the person's limit with the step itself.
    ...(limitKey ? { alsoInTransaction: (trx: Database) => countTowardLimit(deps, trx, v, limitKey) } : {}),
    patch: {
      ...stepFor(decision),
      ...loop,
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
    case 'success':
      return { currentStep: 'success', errorIds: [] };
    case 'docUpload':
      return { currentStep: 'docUpload', errorIds: [] };
    case 'error':
      return { currentStep: 'error', errorIds: [decision.errorId], systemErrorMessage: decision.message };
    case 'loop':
      return { currentStep: decision.step, errorIds: [] };
  }
}

/**
 * Other ways of proof, in SheerID's order of methods: without an instant match, signing in at the
 * organization when it offers it; the email or SMS loop where the program asks for it; without an instant match,
 * the ID check where the program has it, and for a military program that asks for it, the social security
 * number; then documents.
 */
async function otherMethod(
  deps: VerificationsDeps,
  program: Program,
  person: Person,
  { decision, organization }: PersonDecision,
): Promise<Decision> {
  if (decision.kind === 'docUpload' && organization && organization.id !== 0 && (await deps.sso.offers(program.accountId, organization.id)))
    return { kind: 'loop', step: 'sso' };
  const withLoop = await withEmailLoop(deps, program, person, organization, decision);
  if (withLoop !== decision) return withLoop;
  const withSms = withSmsLoop(program, person, decision);
  if (withSms !== decision) return withSms;
  if (decision.kind === 'docUpload' && program.config.idCheckLoop) return { kind: 'loop', step: 'idCheckLoop' };
  if (decision.kind === 'docUpload' && program.segment === 'military' && program.config.collectSocialSecurityNumber)
    return { kind: 'loop', step: 'collectSocialSecurityNumber' };
  return decision;
}

/** SheerID's person id: the same first name, last name and birth date give the same id, without revealing them. */
const personIdOf = (deps: VerificationsDeps, p: Person) =>
  deps.box.digest(`person:${p.firstName.toLowerCase()}|${p.lastName.toLowerCase()}|${p.birthDate ?? ''}`).slice(0, 24);

async function mergedMetadata(deps: VerificationsDeps, v: Verification, metadata: Record<string, string>) {
  const stored = await deps.repo.findSecrets(v.accountId, v.id);
  const previous = stored?.metadata_enc ? deps.box.decryptJson<Record<string, string>>(stored.metadata_enc) : {};
  return deps.box.encryptJson({ ...previous, ...metadata });
}
