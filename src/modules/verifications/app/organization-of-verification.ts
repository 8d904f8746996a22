import { HEX24 } from '../../../shared/ids.ts';
import type { Principal } from '../../../shared/principal.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsRepository } from '../infra/verifications-repository.ts';

/** The organization a person submitted on a verification, as the verification holds it, with what places it. */
export interface VerificationOrganization {
  accountId: string;
  verificationId: string;
  segment: string;
  /** The verification's country: where an organization typed by the person (id 0) is. */
  country: string;
  /** Null when none was submitted (not yet, or a segment without one: age, senior ...). */
  organization: { id: number; name: string | null } | null;
}

/**
 * The organization submitted on a verification of the caller's account (`GET /rest/v2/organization/{id}`).
 * As everywhere a token reads a verification, another account's id is answered like an unknown one.
 */
export async function organizationOfVerification(
  repo: Pick<VerificationsRepository, 'findById'>,
  principal: Principal,
  verificationId: string,
): Promise<VerificationOrganization> {
  const v = HEX24.test(verificationId) ? await repo.findById(verificationId) : undefined;
  if (!v || v.accountId !== principal.accountId) throw VerificationErrors.noVerification(verificationId);
  return {
    accountId: v.accountId,
    verificationId: v.id,
    segment: v.segment,
    country: v.country,
    organization: v.organizationId === null ? null : { id: v.organizationId, name: v.organizationName },
  };
}
