import { AppError } from '../../../shared/errors.ts';
import type { Principal } from '../../../shared/principal.ts';
import type { Program } from '../../programs/index.ts';
import type { Decision } from '../domain/decision.ts';
import { isEmail } from '../domain/field-rules.ts';
import { underDomain } from '../domain/site-domains.ts';
import type { Person } from '../domain/person-validation.ts';
import type { Verification } from '../domain/verification.ts';
import type { VerificationPatch } from '../infra/verifications-repository.ts';
import { VerificationErrors } from '../error-codes.ts';
import { decidePerson } from './decide-person.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { codeState, issueCode, NO_CODE } from './one-time-codes.ts';
import { persistMove } from './persist-move.ts';
import type { Outcome } from './person-step.ts';
import { respond } from './response-context.ts';
import type { BodyRead } from './step-body.ts';

// The email loop: the person proves they hold their address by giving back a code mailed to it. A program
// asks for it after every accepted person step (`emailLoop: always`) or when no source matched but the
// address is at the organization's domain (`domain`), which then proves the affiliation; test programs
// reach it with the first name EMAILLOOP. Codes are 6 digits, kept as keyed digests, single-use, expire,
// and allow a few wrong tries; a verification sends a bounded number of them.

export const EMAIL_CODE_TTL_MS = 30 * 60 * 1000;
export const MAX_EMAIL_CODE_ATTEMPTS = 5;
export const MAX_EMAIL_LOOP_SENDS = 5;

/** Whether an address is at a domain, or one under it (`mia@cs.example.edu` is at `example.edu`). */
export const atDomain = (email: string, domain: string | null | undefined) => underDomain(email.trim().split('@').pop() ?? null, domain);

async function organizationDomain(deps: VerificationsDeps, accountId: string, organizationId: number | null) {
  if (organizationId === null || organizationId === 0) return null;
  return (await deps.organizations.find(accountId, organizationId))?.domain ?? null;
}

/** The person step's decision, with the email loop where the program asks for it. */
export async function withEmailLoop(
  deps: VerificationsDeps,
  program: Program,
  person: Person,
  organization: { id: number } | null,
  decision: Decision,
): Promise<Decision> {
  const mode = program.config.emailLoop ?? 'off';
  if (mode === 'always' && (decision.kind === 'success' || decision.kind === 'docUpload')) return { kind: 'loop', step: 'emailLoop' };
  if (
    mode === 'domain' &&
    decision.kind === 'docUpload' &&
    atDomain(person.email, await organizationDomain(deps, program.accountId, organization?.id ?? null))
  )
    return { kind: 'loop', step: 'emailLoop' };
  return decision;
}

/** Mails a fresh code to `email` (before anything is stored: a refused mail changes nothing); the patch that keeps its digest. */
export async function mailLoopCode(deps: VerificationsDeps, v: Verification, program: Program, email: string): Promise<VerificationPatch> {
  if (v.loopSends >= MAX_EMAIL_LOOP_SENDS)
    throw new AppError('apiRateLimitExceeded', 429, `No more emails may be sent for verification '${v.id}'`, { verificationId: v.id });
  const { code, kept } = issueCode(deps, v, 'email-loop', EMAIL_CODE_TTL_MS);
  await sendMail(deps, program, email, code, `${deps.publicUrl}/form/${program.id}?verificationId=${v.id}&emailToken=${code}`);
  return { ...kept, loopSends: v.loopSends + 1 };
}

async function sendMail(deps: VerificationsDeps, program: Program, to: string, code: string, link: string) {
  try {
    await deps.mailer.send({
      to,
      subject: `Confirm your email for ${program.name}: ${code}`,
      text: `Your code for ${program.name} is ${code}.\n\nOr open this link to continue: ${link}\n\nIt is good for ${EMAIL_CODE_TTL_MS / 60_000} minutes. If you did not ask for it, ignore this message.\n`,
    });
  } catch {
    throw new AppError('unknownError', 503, 'The email could not be sent; try again in a moment');
  }
}

/** The person as stored, and the address the loop mails. */
async function loopPerson(deps: VerificationsDeps, v: Verification) {
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const person = secrets?.person_enc ? deps.box.decryptJson<Person>(secrets.person_enc) : undefined;
  if (!person?.email) throw VerificationErrors.notInProgram(v, 'emailLoop');
  return person;
}

/**
 * `POST .../step/emailLoop {emailToken}`: the right code, in time, proves the address. At the organization's
 * domain that proves the affiliation (success); otherwise the person step is decided again from the sources
 * (`always`), or the test program's trigger succeeds. A wrong code is answered on the step
 * (`invalidEmailLoopToken`); a late one, or any after the last allowed wrong try, `expiredEmailLoopToken`
 * until a new code is sent.
 */
export async function completeEmailLoop(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  code: string | undefined,
): Promise<Outcome> {
  const state = codeState(deps, v, 'email-loop', code);
  if (state === 'late') return { kind: 'fieldErrors', errorIds: ['expiredEmailLoopToken'] };
  if (state === 'wrong') {
    const attempts = v.challengeAttempts + 1;
    const patch = attempts >= MAX_EMAIL_CODE_ATTEMPTS ? { ...NO_CODE, challengeAttempts: attempts } : { challengeAttempts: attempts };
    return { kind: 'move', reward: false, patch: { ...patch, errorIds: ['invalidEmailLoopToken'] } };
  }
  const person = await loopPerson(deps, v);
  const atOrganization = atDomain(person.email, await organizationDomain(deps, v.accountId, v.organizationId));
  const success = atOrganization || program.testMode || (await decidePerson(deps, program, person)).decision.kind === 'success';
  return success
    ? {
        kind: 'move',
        reward: true,
        patch: { ...NO_CODE, currentStep: 'success', errorIds: [], approvedBy: atOrganization ? 'emailLoop' : null },
      }
    : { kind: 'move', reward: false, patch: { ...NO_CODE, currentStep: 'docUpload', errorIds: [] } };
}

/** A loop route's verification: on the email loop, else refused naming its step. */
async function onEmailLoop(deps: VerificationsDeps, id: string, principal: Principal | null) {
  const v = await loadVerification(deps, id, principal);
  if (v.currentStep !== 'emailLoop') throw VerificationErrors.notOnLoop(v, 'email');
  return { v, program: await deps.programs.load(v.programId) };
}

/** `GET .../step/emailLoop/retry`: a new code to the same address (the earlier one stops working). */
export async function retryEmailLoop(deps: VerificationsDeps, id: string, principal: Principal | null) {
  const { v, program } = await onEmailLoop(deps, id, principal);
  const person = await loopPerson(deps, v);
  await persistMove(deps, v, program, { reward: false, patch: { ...(await mailLoopCode(deps, v, program, person.email)), errorIds: [] } });
}

/**
 * `POST .../step/emailLoop/emailAddressOverride {emailAddress}` and `.../resume {emailAddress?}`: a new code,
 * to another address when one is given. An address at another domain than the organization's (when it has
 * one) is answered on the step with `invalidEmail`, nothing sent.
 */
export async function redirectEmailLoop(
  deps: VerificationsDeps,
  id: string,
  principal: Principal | null,
  body: () => BodyRead<{ emailAddress?: string }>,
) {
  const { v, program } = await onEmailLoop(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const person = await loopPerson(deps, v);
  const address = read.value.emailAddress?.trim() ?? person.email;
  const domain = await organizationDomain(deps, v.accountId, v.organizationId);
  if (!isEmail(address) || (domain !== null && address !== person.email && !atDomain(address, domain)))
    return { ...(await respond(deps, v, program)), errorIds: ['invalidEmail'] };
  const patch = await mailLoopCode(deps, v, program, address);
  const personEnc = address === person.email ? undefined : deps.box.encryptJson({ ...person, email: address });
  const next = await persistMove(deps, v, program, {
    reward: false,
    patch: { ...patch, errorIds: [], ...(personEnc ? { personEnc } : {}) },
  });
  return respond(deps, next, program);
}

/**
 * `POST .../step/emailLoop/retrieveToken` (a token of the account): a new code, answered instead of mailed,
 * for an integrator that sends its own email. Only digests are kept, so an earlier code cannot be read
 * back: each call issues a new one (`refreshToken` is accepted and changes nothing), and the earlier stops working.
 */
export async function retrieveEmailLoopToken(
  deps: VerificationsDeps,
  id: string,
  principal: Principal | null,
  body: () => BodyRead<unknown>,
) {
  const { v, program } = await onEmailLoop(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const { code, kept } = issueCode(deps, v, 'email-loop', EMAIL_CODE_TTL_MS);
  await persistMove(deps, v, program, { reward: false, patch: { ...kept, errorIds: [] } });
  return { token: code };
}
