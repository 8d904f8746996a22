import type { Principal } from '../../../shared/principal.ts';
import { readPhoneNumber } from '../../../shared/phone-number.ts';
import { SmsError } from '../../../platform/sms/index.ts';
import type { Program } from '../../programs/index.ts';
import type { Decision } from '../domain/decision.ts';
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

// The SMS loop: a program with `smsLoop` texts a 6-digit code to the phone number of every accepted person
// step (the number is then required); the person gives it back before the step's decision is taken. Codes
// are kept as keyed digests, expire, allow a few wrong tries (then the verification ends:
// incorrectSMSCodeAttemptLimitExceeded), and a verification texts a bounded number of them
// (maxSMSCodeLimitExceeded).

export const SMS_CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_SMS_CODE_ATTEMPTS = 5;
export const MAX_SMS_SENDS = 3;

/** The person step's decision, with the SMS loop where the program asks for it; a number it needs and lacks is asked for. */
export function withSmsLoop(program: Program, person: Person, decision: Decision): Decision {
  if (!program.config.smsLoop || (decision.kind !== 'success' && decision.kind !== 'docUpload')) return decision;
  const phone = typeof person.phoneNumber === 'string' ? readPhoneNumber(person.phoneNumber) : null;
  return phone?.kind === 'ok' ? { kind: 'loop', step: 'smsLoop' } : { kind: 'fieldErrors', errorIds: ['invalidPhoneNumber'] };
}

/** Texts a fresh code to the person (before anything is stored: a refused text changes nothing); the patch that keeps its digest. */
export async function textLoopCode(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  phoneNumber: string,
): Promise<VerificationPatch> {
  if (v.loopSends >= MAX_SMS_SENDS) throw VerificationErrors.smsLimit(v);
  const phone = readPhoneNumber(phoneNumber);
  if (phone.kind !== 'ok') throw VerificationErrors.badBody(v, 'invalidPhoneNumber', phone.message);
  const { code, kept } = issueCode(deps, v, 'sms-loop', SMS_CODE_TTL_MS);
  try {
    await deps.sms.send({
      to: phone.e164,
      body: `${code} is your ${program.name} code. It is good for ${SMS_CODE_TTL_MS / 60_000} minutes.`,
    });
  } catch (e) {
    if (e instanceof SmsError && e.reason === 'recipientRefused')
      throw VerificationErrors.badBody(v, 'invalidPhoneNumber', 'This phone number cannot receive text messages');
    throw VerificationErrors.smsUnavailable(v);
  }
  return { ...kept, loopSends: v.loopSends + 1 };
}

/**
 * `POST .../step/smsLoop {smsCode}`: the right code, in time, lets the person step's decision be taken
 * (again, from what was stored: success or documents). A wrong one is answered on the step
 * (`invalidSMSCode`), a late one `expiredSMSCode` (send a new one); the last allowed wrong code ends the
 * verification (`incorrectSMSCodeAttemptLimitExceeded`, HTTP 429).
 */
export async function completeSmsLoop(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  code: string | undefined,
): Promise<Outcome> {
  const state = codeState(deps, v, 'sms-loop', code);
  if (state === 'late') return { kind: 'fieldErrors', errorIds: ['expiredSMSCode'] };
  if (state === 'wrong') {
    const attempts = v.challengeAttempts + 1;
    if (attempts < MAX_SMS_CODE_ATTEMPTS)
      return { kind: 'move', reward: false, patch: { challengeAttempts: attempts, errorIds: ['invalidSMSCode'] } };
    await persistMove(deps, v, program, {
      reward: false,
      patch: {
        ...NO_CODE,
        challengeAttempts: attempts,
        currentStep: 'error',
        errorIds: ['incorrectSMSCodeAttemptLimitExceeded'],
        systemErrorMessage: 'User has exceeded the maximum number of SMS code attempts',
      },
    });
    throw VerificationErrors.smsAttempts(v);
  }
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const person = secrets?.person_enc ? deps.box.decryptJson<Person>(secrets.person_enc) : undefined;
  const success = person !== undefined && (await decidePerson(deps, program, person)).decision.kind === 'success';
  return success
    ? { kind: 'move', reward: true, patch: { ...NO_CODE, currentStep: 'success', errorIds: [] } }
    : { kind: 'move', reward: false, patch: { ...NO_CODE, currentStep: 'docUpload', errorIds: [] } };
}

/** `GET .../step/smsLoop/retry`: a new code to the same number (the earlier one stops working). */
export async function retrySmsLoop(deps: VerificationsDeps, id: string, principal: Principal | null) {
  const v = await loadVerification(deps, id, principal);
  if (v.currentStep !== 'smsLoop') throw VerificationErrors.notOnLoop(v, 'SMS');
  const program = await deps.programs.load(v.programId);
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const person = secrets?.person_enc ? deps.box.decryptJson<Person>(secrets.person_enc) : undefined;
  const patch = await textLoopCode(deps, v, program, String(person?.phoneNumber ?? ''));
  await persistMove(deps, v, program, { reward: false, patch: { ...patch, errorIds: [] } });
}
