import type { Program } from '../../programs/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { readMrz } from '../../../shared/mrz.ts';
import { ID_CHECK_DOCUMENTS, judgeIdDocument } from '../domain/id-check.ts';
import type { Person } from '../domain/person-validation.ts';
import { notApprovedEnding, type Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import type { Outcome } from './person-step.ts';
import type { IdCheckBody } from './step-body.ts';

/**
 * `idCheckLoop {documentType, mrz}`: the person's passport or ID card, by its machine-readable zone as
 * their device read it, must agree with the person step. It succeeds (approved by the ID check), or ends
 * not approved with SheerID's finer reason in `errorDetailId`. A body without a known document type or a
 * zone is refused and changes nothing; the person may also leave the step for documents (DELETE).
 */
export async function completeIdCheck(deps: VerificationsDeps, v: Verification, program: Program, body: IdCheckBody): Promise<Outcome> {
  if (!body.documentType || !Object.hasOwn(ID_CHECK_DOCUMENTS, body.documentType))
    throw VerificationErrors.badBody(
      v,
      'invalidRequest',
      `Property 'documentType' must be one of: ${Object.keys(ID_CHECK_DOCUMENTS).join(', ')}`,
    );
  if (!body.mrz?.trim())
    throw VerificationErrors.badBody(v, 'invalidRequest', "Property 'mrz' is required: the document's machine-readable zone");
  const today = isoDate(deps.clock.now());
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const person = secrets?.person_enc ? deps.box.decryptJson<Person>(secrets.person_enc) : null;
  if (!person) throw VerificationErrors.invalidStep(v, 'idCheckLoop');
  const zone = readMrz(body.mrz.trim().replace(/\r\n?/g, '\n'), today);
  const verdict = judgeIdDocument(body.documentType, zone, person, today);
  if (verdict.ok) return { kind: 'move', reward: true, patch: { currentStep: 'success', errorIds: [], approvedBy: 'idCheck' } };
  const ending = notApprovedEnding(program.config.consolationRewardCode, {
    errorIds: ['notApproved'],
    // Which fields differ is not said: that would help someone try names against a stolen document.
    systemErrorMessage: `The ID check of verification '${v.id}' failed: ${verdict.detail === 'govIdMismatch' ? "the document is not the person's" : verdict.reason}`,
  });
  return { kind: 'move', reward: false, patch: { ...ending, errorDetailIds: [verdict.detail] } };
}
