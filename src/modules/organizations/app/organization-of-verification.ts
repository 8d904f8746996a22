import type { Principal } from '../../../shared/principal.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import type { Organization } from '../domain/organization.ts';
import { OrganizationErrors } from '../error-codes.ts';

/** What the verifications module tells of a verification's organization (its `organizationOfVerification`). */
export interface SubmittedOrganization {
  accountId: string;
  verificationId: string;
  segment: string;
  country: string;
  organization: { id: number; name: string | null } | null;
}

export type SubmittedOrganizationLookup = (principal: Principal, verificationId: string) => Promise<SubmittedOrganization>;

/** SheerID's OrganizationDetails: Vouch keeps no postal address of an organization, so those are empty strings. */
export interface OrganizationDetails {
  id: number;
  name: string;
  type: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

/**
 * The organization submitted on a verification, described as SheerID's `GET /organization/{verificationId}`
 * does. Known to Vouch (an import of the account, or a school of the directory), it is described by that
 * entry; otherwise (an organization the person typed, id 0, or an id no source knows) by what the person
 * sent, the first organization type of the verification's segment, and the verification's country.
 */
export async function describeSubmittedOrganization(
  find: (accountId: string, id: number) => Promise<Organization | null>,
  lookup: SubmittedOrganizationLookup,
  principal: Principal,
  verificationId: string,
): Promise<OrganizationDetails> {
  const submitted = await lookup(principal, verificationId);
  if (!submitted.organization) throw OrganizationErrors.noOrganization(verificationId);
  const { id, name } = submitted.organization;
  const known = id > 0 ? await find(submitted.accountId, id) : null;
  return {
    id,
    name: known?.name ?? name ?? '',
    type: known?.type ?? SEGMENTS[submitted.segment]?.orgTypes[0] ?? 'NONE',
    street: '',
    city: '',
    state: '',
    zip: '',
    country: known?.country ?? submitted.country,
  };
}
