import { AppError } from '../../../shared/errors.ts';
import type { Principal } from '../../../shared/principal.ts';
import { COMMON_FIELDS, MILITARY_STATUSES, PERSON_STEPS, SEGMENTS } from '../../eligibility-terms/index.ts';
import { fixedSubSegment, type Program } from '../../programs/index.ts';
import { isEmail } from '../domain/field-rules.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { codeState, issueCode, NO_CODE } from './one-time-codes.ts';
import { type Outcome, personInfo } from './person-step.ts';
import type { BodyRead, PersonBody, StepBodyReader } from './step-body.ts';

// Remember-Me: a program's account remembers, with their consent, people who succeeded, so that the next
// time they give their email address, prove they hold it with a mailed code, and are verified again from
// what was kept (asked only for what is missing). Anyone else goes on with the program's usual steps.

/** How long a mailed code is good for, and how many wrong codes end the loop. */
export const AUTH_CODE_TTL_MS = 15 * 60 * 1000;
export const MAX_AUTH_ATTEMPTS = 5;

/** What is kept of a remembered person: their person data, and the segment and person step that took it. */
interface KeptPerson {
  segment: string;
  step: string;
  subSegment: string | null;
  person: PersonBody;
}

/**
 * The person step the kept person is judged on for this program: theirs in the same segment; else the
 * program's own person step (what it needs beyond what was kept is asked for); none for a program that
 * first asks a military status.
 */
function judgedAs(kept: KeptPerson, program: Program): { currentStep: string; subSegment: string | null } | null {
  if (kept.segment === program.segment) return { currentStep: kept.step, subSegment: kept.subSegment };
  const first = usualFirstStep(program);
  return PERSON_STEPS[first] ? { currentStep: first, subSegment: fixedSubSegment(program) } : null;
}

const emailKey = (deps: VerificationsDeps, email: string) => deps.box.digest(`consumer-email:${email.trim().toLowerCase()}`);

/** The program's own first step, as if Remember-Me were off. */
const usualFirstStep = (program: Program) => SEGMENTS[program.segment].firstStep(fixedSubSegment(program));

/** The person step a verification's person was taken on (the military step follows from the sub-segment). */
function personStepOf(v: Verification): string {
  const military = Object.values(MILITARY_STATUSES).find((m) => m.subSegment === v.subSegment);
  return v.segment === 'military' && military ? military.step : SEGMENTS[v.segment].firstStep(v.subSegment);
}

/**
 * `collectIdentifier {email}`: a remembered person is mailed a 6-digit code and asked for it
 * (`completeAuthentication`); anyone else goes on to the program's usual first step. The code is mailed
 * before the move is stored, so that a mail server that refuses it changes nothing.
 */
export async function identify(deps: VerificationsDeps, v: Verification, program: Program, email: string | undefined): Promise<Outcome> {
  if (email === undefined || !isEmail(email)) return { kind: 'fieldErrors', errorIds: ['invalidEmail'] };
  const found = await deps.consumers.find(v.accountId, emailKey(deps, email));
  if (!found) return { kind: 'move', reward: false, patch: { currentStep: usualFirstStep(program), errorIds: [] } };
  const { code, kept } = issueCode(deps, v, 'auth-code', AUTH_CODE_TTL_MS);
  await mailCode(deps, program, email.trim(), code);
  return {
    kind: 'move',
    reward: false,
    patch: { currentStep: 'completeAuthentication', errorIds: [], ...kept, personEnc: deps.box.encryptJson({ email: email.trim() }) },
  };
}

async function mailCode(deps: VerificationsDeps, program: Program, to: string, code: string) {
  try {
    await deps.mailer.send({
      to,
      subject: `Your ${program.name} code: ${code}`,
      text: `Your code for ${program.name} is ${code}.\n\nIt is good for ${AUTH_CODE_TTL_MS / 60_000} minutes. If you did not ask for it, ignore this message.\n`,
    });
  } catch {
    throw new AppError('unknownError', 503, 'The authentication code could not be mailed; try again in a moment');
  }
}

/**
 * `completeAuthentication {authenticationToken}`: the right code, in time, verifies the person again from
 * what was kept (or asks for what is missing: `collectPersonalInfo`). A wrong code is answered on the same
 * step (`invalidAuthenticationToken`); the last allowed wrong code, or a late one, leaves the loop for the
 * program's usual first step, with the reason in `errorIds`.
 */
export async function authenticate(deps: VerificationsDeps, v: Verification, program: Program, code: string | undefined): Promise<Outcome> {
  const state = codeState(deps, v, 'auth-code', code);
  if (state === 'right') return fromKept(deps, v, program);
  const late = state === 'late';
  const attempts = v.challengeAttempts + 1;
  if (late || attempts >= MAX_AUTH_ATTEMPTS) {
    const errorIds = [late ? 'expiredAuthenticationToken' : 'invalidAuthenticationToken'];
    return {
      kind: 'move',
      reward: false,
      patch: { ...NO_CODE, challengeAttempts: attempts, currentStep: usualFirstStep(program), errorIds },
    };
  }
  return { kind: 'move', reward: false, patch: { challengeAttempts: attempts, errorIds: ['invalidAuthenticationToken'] } };
}

/** `DELETE .../step/completeAuthentication`: the person leaves the loop for the program's usual steps. */
export const leaveAuthentication = (program: Program) => ({ ...NO_CODE, currentStep: usualFirstStep(program), errorIds: [] });

/** The kept person's properties that `step` takes (another segment's step may take fewer). */
function keptFor(kept: KeptPerson, step: string): PersonBody {
  const def = PERSON_STEPS[step];
  const takes = new Set<string>([...def.required, ...def.optional, ...COMMON_FIELDS]);
  return Object.fromEntries(Object.entries(kept.person).filter(([k]) => takes.has(k)));
}

async function keptPerson(deps: VerificationsDeps, v: Verification): Promise<KeptPerson | undefined> {
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const email = secrets?.person_enc ? deps.box.decryptJson<{ email?: string }>(secrets.person_enc).email : undefined;
  const kept = email ? await deps.consumers.find(v.accountId, emailKey(deps, email)) : undefined;
  return kept && deps.box.decryptJson<KeptPerson>(kept.personEnc);
}

/** The person kept, judged on their step again: on to the decision, or to `collectPersonalInfo` for what is missing. */
async function fromKept(deps: VerificationsDeps, v: Verification, program: Program): Promise<Outcome> {
  const kept = await keptPerson(deps, v);
  const as = kept && judgedAs(kept, program);
  // Forgotten since the code was mailed, or nothing this program can use: the usual steps.
  if (!kept || !as) return { kind: 'move', reward: false, patch: { ...NO_CODE, currentStep: usualFirstStep(program), errorIds: [] } };
  const outcome = await personInfo(deps, { ...v, ...as }, program, keptFor(kept, as.currentStep));
  if (outcome.kind === 'fieldErrors')
    return { kind: 'move', reward: false, patch: { ...NO_CODE, currentStep: 'collectPersonalInfo', errorIds: outcome.errorIds } };
  return { ...outcome, patch: { ...outcome.patch, ...NO_CODE } };
}

/**
 * `collectPersonalInfo`: what the person sends (any property of their person step) completes or corrects
 * what was kept, and the whole is judged as that step would; its errorIds keep this step.
 */
export async function fillGaps(deps: VerificationsDeps, v: Verification, program: Program, body: StepBodyReader): Promise<Outcome> {
  const kept = await keptPerson(deps, v);
  const as = kept && judgedAs(kept, program);
  if (!kept || !as) return { kind: 'move', reward: false, patch: { currentStep: usualFirstStep(program), errorIds: [] } };
  const read = body.person(as.currentStep);
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const sent = Object.fromEntries(Object.entries(read.value).filter(([, value]) => value !== null && value !== undefined));
  return personInfo(deps, { ...v, ...as }, program, { ...keptFor(kept, as.currentStep), ...sent });
}

/** A verification of a Remember-Me program that succeeded, and the person it holds. */
async function succeededWithPerson(deps: VerificationsDeps, id: string, principal: Principal | null, what: string) {
  const v = await loadVerification(deps, id, principal);
  const program = await deps.programs.load(v.programId);
  if (!program.config.rememberMe) throw VerificationErrors.notInProgram(v, what);
  if (v.currentStep !== 'success') throw VerificationErrors.notSucceeded(v, what);
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  // A purge of person data leaves nothing to remember.
  if (!secrets?.person_enc) throw VerificationErrors.notSucceeded(v, what);
  const { metadata: _, ...person } = deps.box.decryptJson<PersonBody>(secrets.person_enc);
  return { v, person, email: typeof person.email === 'string' ? person.email : '' };
}

/** `GET /verification/{id}/rememberMeCallToAction`: after a success, what could be remembered, and whether it is. */
export async function rememberMeCallToAction(deps: VerificationsDeps, id: string, principal: Principal | null) {
  const { v, person, email } = await succeededWithPerson(deps, id, principal, 'rememberMeCallToAction');
  const already = email !== '' && (await deps.consumers.find(v.accountId, emailKey(deps, email))) !== undefined;
  return {
    verificationId: v.id,
    alreadyRemembered: already,
    collectedInformation: {
      collectedFields: Object.keys(person).filter((k) => person[k] !== null && person[k] !== undefined && k !== 'organization'),
      organization: v.organizationId !== null ? { id: v.organizationId, name: v.organizationName } : null,
    },
  };
}

/**
 * `POST /verification/{id}/rememberConsumer {rememberMeConsentValue, sheeridMarketingConsentValue?}`: with
 * consent, the person of the successful verification is remembered by the program's account (the latest
 * verification replacing what was kept); without it, whatever was kept of them is forgotten.
 */
export async function rememberConsumer(
  deps: VerificationsDeps,
  id: string,
  principal: Principal | null,
  body: () => BodyRead<{ rememberMeConsentValue: boolean; sheeridMarketingConsentValue?: boolean }>,
) {
  const { v, person, email } = await succeededWithPerson(deps, id, principal, 'rememberConsumer');
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const consent = read.value;
  const key = emailKey(deps, email);
  if (!consent.rememberMeConsentValue) return deps.consumers.forget(v.accountId, key);
  const kept: KeptPerson = { segment: v.segment, step: personStepOf(v), subSegment: v.subSegment, person };
  await deps.consumers.remember(
    v.accountId,
    key,
    {
      personEnc: deps.box.encryptJson(kept),
      organizationId: v.organizationId,
      organizationName: v.organizationName,
      marketingConsent: consent.sheeridMarketingConsentValue === true,
    },
    deps.clock.now(),
  );
}
