import type { Database } from '../../../platform/db/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { isObject, unexpectedKeys } from '../domain/client-input.ts';
import { CHECK_NAMES, type Check } from '../domain/checks.ts';
import { REQUEST_STATUS } from '../domain/model.ts';
import { IdvErrors } from '../error-codes.ts';
import { writeReport } from './build-report.ts';
import type { IdvDeps } from './deps.ts';
import type { Profile } from './present.ts';

/** The reasons a sample REJECT may give, each failing the check it stands for. */
export const SAMPLE_REJECT_REASONS: Record<string, { check: string; highRisk: boolean; text: string }> = {
  DOCUMENT_EXPIRED: { check: 'documentNotExpired', highRisk: false, text: 'The document expired (sample)' },
  DOCUMENT_TAMPERED: { check: 'mrzCheckDigits', highRisk: true, text: 'Check digits do not match (sample)' },
  DATA_MISMATCH: { check: 'mrzMatchesProfile', highRisk: true, text: 'The document disagrees with the profile (sample)' },
  DUPLICATE_DOCUMENT: { check: 'documentFront', highRisk: true, text: 'The document photo was sent for another client (sample)' },
  FACE_MISMATCH: { check: 'selfie', highRisk: true, text: 'The selfie is not usable (sample)' },
  ADDRESS_INCOMPLETE: { check: 'addressComplete', highRisk: false, text: 'The address is incomplete (sample)' },
};

/**
 * `generate-sample-report` (test-mode accounts): a pending request gets a report as if its client had
 * submitted, with every check passing for APPROVE or the reason's check failing for REJECT, and the same
 * state changes: link used, request `Review Report`, file `Action Required`, event 301.
 */
export async function generateSampleReport(deps: IdvDeps, accountId: string, body: unknown) {
  if (!isObject(body)) throw IdvErrors.invalid(['Request body must be a JSON object']);
  const errors = unexpectedKeys(body, ['clientRequestId', 'criteria']);
  if (typeof body.clientRequestId !== 'string' || !body.clientRequestId.trim())
    errors.push('clientRequestId is required and must be a string');
  const c = body.criteria;
  if (!isObject(c)) errors.push('criteria is required and must be an object');
  else {
    errors.push(...unexpectedKeys(c, ['id', 'recommendationValue', 'recommendationReason'], 'criteria.'));
    if (c.id !== undefined && !isObject(c.id)) errors.push('criteria.id must be an object');
    if (isObject(c.id)) {
      errors.push(...unexpectedKeys(c.id, ['sessionId', 'mediaId01', 'mediaId02'], 'criteria.id.'));
      for (const [k, v] of Object.entries(c.id))
        if (typeof v !== 'string' || v.length > 100) errors.push(`criteria.id.${k} must be a string`);
    }
    if (c.recommendationValue !== 'APPROVE' && c.recommendationValue !== 'REJECT')
      errors.push("criteria.recommendationValue must be 'APPROVE' or 'REJECT'");
    if (
      c.recommendationValue === 'REJECT' &&
      !(typeof c.recommendationReason === 'string' && Object.hasOwn(SAMPLE_REJECT_REASONS, c.recommendationReason))
    ) {
      errors.push(`criteria.recommendationReason must be one of: ${Object.keys(SAMPLE_REJECT_REASONS).join(', ')}`);
    }
    if (
      c.recommendationValue === 'APPROVE' &&
      c.recommendationReason !== undefined &&
      c.recommendationReason !== null &&
      typeof c.recommendationReason !== 'string'
    ) {
      errors.push('criteria.recommendationReason must be a string');
    }
  }
  if (errors.length) throw IdvErrors.invalid(errors);
  const criteria = c as { recommendationValue: 'APPROVE' | 'REJECT'; recommendationReason?: string | null };
  const id = (body.clientRequestId as string).trim();
  if (!(await deps.repo.findRequest(accountId, id))) throw IdvErrors.unknownRequest(id);
  if (!(await deps.repo.settings(accountId)).test_mode) throw IdvErrors.notTestMode();
  const now = deps.clock.now();
  const reason = criteria.recommendationValue === 'REJECT' ? SAMPLE_REJECT_REASONS[criteria.recommendationReason!] : null;
  await deps.repo.db.transaction().execute(async (trx: Database) => {
    const r = (await deps.repo.findRequest(accountId, id, trx, true))!;
    if (r.status !== REQUEST_STATUS.pending)
      throw IdvErrors.notAllowed(`Request '${id}' is ${r.status}; a sample report needs a pending request`, false);
    await deps.repo.endActiveLinks(trx, r.id, 'used');
    const [client] = await deps.repo.clientsById(trx, accountId, [r.client_id]);
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
