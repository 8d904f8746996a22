import type { Database } from '../../../platform/db/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { CHECK_NAMES, type Check } from '../domain/checks.ts';
import { ClientRequestErrors, REQUEST_STATUS, type Profile } from '../../client-requests/index.ts';
import { IdReportErrors } from '../error-codes.ts';
import { writeReport } from './build-report.ts';
import type { IdReportsDeps } from './deps.ts';

/** The reasons a sample REJECT may give, each failing the check it stands for. */
export const SAMPLE_REJECT_REASONS: Record<string, { check: string; highRisk: boolean; text: string }> = {
  DOCUMENT_EXPIRED: { check: 'documentNotExpired', highRisk: false, text: 'The document expired (sample)' },
  DOCUMENT_TAMPERED: { check: 'mrzCheckDigits', highRisk: true, text: 'Check digits do not match (sample)' },
  DATA_MISMATCH: { check: 'mrzMatchesProfile', highRisk: true, text: 'The document disagrees with the profile (sample)' },
  DUPLICATE_DOCUMENT: { check: 'documentFront', highRisk: true, text: 'The document photo was sent for another client (sample)' },
  FACE_MISMATCH: { check: 'selfie', highRisk: true, text: 'The selfie is not usable (sample)' },
  ADDRESS_INCOMPLETE: { check: 'addressComplete', highRisk: false, text: 'The address is incomplete (sample)' },
};

/** A sample's criteria as the route's schema gives them (http/report-bodies.ts): a REJECT names one of the reasons above. */
export interface SampleReportInput {
  clientRequestId: string;
  criteria: { recommendationValue: 'APPROVE' | 'REJECT'; recommendationReason?: string | null };
}

/**
 * `generate-sample-report` (test-mode accounts): a pending request gets a report as if its client had
 * submitted, with every check passing for APPROVE or the reason's check failing for REJECT, and the same
 * state changes: link used, request `Review Report`, file `Action Required`, event 301.
 */
export async function generateSampleReport(deps: IdReportsDeps, accountId: string, input: SampleReportInput) {
  const { clientRequestId: id, criteria } = input;
  if (!(await deps.repo.findRequest(accountId, id))) throw ClientRequestErrors.unknownRequest(id);
  if (!(await deps.repo.settings(accountId)).test_mode) throw IdReportErrors.notTestMode();
  const now = deps.clock.now();
  const reason = criteria.recommendationValue === 'REJECT' ? SAMPLE_REJECT_REASONS[criteria.recommendationReason!] : null;
  await deps.repo.transaction(async (trx: Database) => {
    const r = (await deps.repo.findRequest(accountId, id, trx, true))!;
    if (r.status !== REQUEST_STATUS.pending)
      throw ClientRequestErrors.notAllowed(`Request '${id}' is ${r.status}; a sample report needs a pending request`, false);
    await deps.repo.endActiveLinks(trx, r.id, 'used');
    const [client] = await deps.repo.clientsById(accountId, [r.client_id], trx);
    const p = deps.box.decryptJson<Profile>(client.profile_enc);
    const checks: Check[] = CHECK_NAMES.map((name) =>
      reason?.check === name
        ? { name, result: 'fail', reason: reason.text, highRisk: reason.highRisk }
        : { name, result: 'pass', reason: 'Sample report', highRisk: false },
    );
    const expiry = new Date(now.getTime() + 5 * 365 * 86_400_000);
    await writeReport(
      deps,
      trx,
      r,
      {
        checks,
        profile: { firstName: p.firstName, middleName: p.middleName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, email: p.email },
        entered: {
          identity: { firstName: p.firstName, middleName: p.middleName, lastName: p.lastName, dateOfBirth: p.dateOfBirth ?? '1980-01-01' },
          document: { type: 'passport', number: 'SAMPLE0001', issuingCountry: 'Canada', expiryDate: isoDate(expiry), mrz: null },
          address: {
            address: '1 Sample Street',
            city: 'Ottawa',
            province: 'ON',
            country: 'Canada',
            countryCode: 'CA',
            postalCode: 'K1A 0A1',
          },
          privacyAcceptedAt: now.toISOString(),
        },
        fromDocument: null,
        images: [],
        recommendation: { value: criteria.recommendationValue, reason: criteria.recommendationReason ?? null },
      },
      { sample: true, now },
    );
  });
  return true;
}
