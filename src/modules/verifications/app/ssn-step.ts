import type { Program } from '../../programs/index.ts';
import type { Verification } from '../domain/verification.ts';
import type { VerificationsDeps } from './deps.ts';
import { normalSsn } from '../domain/field-rules.ts';
import type { Outcome } from './person-step.ts';

/**
 * `collectSocialSecurityNumber {socialSecurityNumber}` (military programs that ask for it, after a person
 * step without an instant match): the number is kept with the person, encrypted. Vouch has no source to
 * check it against, so a live program goes on to documents; a test program succeeds, as its other
 * triggers do. A number that cannot be one is answered on the step (`invalidSocialSecurityNumber`).
 */
export async function socialSecurityNumber(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  value: number | string | undefined,
): Promise<Outcome> {
  const ssn = normalSsn(value);
  if (ssn === null) return { kind: 'fieldErrors', errorIds: ['invalidSocialSecurityNumber'] };
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const person = secrets?.person_enc ? deps.box.decryptJson<Record<string, unknown>>(secrets.person_enc) : {};
  const personEnc = deps.box.encryptJson({ ...person, socialSecurityNumber: ssn });
  return program.testMode
    ? { kind: 'move', reward: true, patch: { currentStep: 'success', errorIds: [], personEnc } }
    : { kind: 'move', reward: false, patch: { currentStep: 'docUpload', errorIds: [], personEnc } };
}
