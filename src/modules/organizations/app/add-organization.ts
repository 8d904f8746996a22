import type { Database } from '../../../platform/db/index.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { singleLineName } from '../../../shared/names.ts';
import { isCountryCode } from '../domain/countries.ts';
import { normalizeDomain } from '../domain/domain-names.ts';
import { MAX_ORGANIZATION_NAME_LENGTH, ORGANIZATION_TYPES, isOrganizationType, type Organization } from '../domain/organization.ts';
import type { OrganizationsRepository } from '../infra/organizations-repository.ts';

export interface AddOrganizationDeps {
  repo: Pick<OrganizationsRepository, 'findByDomainAndType' | 'insertOne'>;
}

export interface NewAccountOrganization {
  name: string;
  type: string;
  /** ISO 3166 alpha-2, upper case, or null. */
  country: string | null;
  domain: string | null;
}

export interface AddedOrganization {
  organization: Organization;
  /** False when the account already had an organization of that domain and type, which is answered instead. */
  created: boolean;
}

const ORGANIZATION_NAME = singleLineName(MAX_ORGANIZATION_NAME_LENGTH);

/**
 * Adds one organization to an account's own (as an import does), so that the account's programs find it.
 * An organization of the account with the same domain and type is not added twice: it is answered as it
 * is. `exec` is a transaction of the caller's, when the organization must land with the caller's writes.
 */
export async function addOrganization(
  deps: AddOrganizationDeps,
  accountId: string,
  input: NewAccountOrganization,
  exec?: Database,
): Promise<AddedOrganization> {
  const name = ORGANIZATION_NAME.safeParse(input.name);
  if (!name.success) throw CommonErrors.invalidRequest(`Organization name ${name.error.issues[0].message}`);
  if (!isOrganizationType(input.type)) {
    throw CommonErrors.invalidRequest(`Organization type '${input.type}' is not one of ${ORGANIZATION_TYPES.join(', ')}`);
  }
  if (input.country !== null && !isCountryCode(input.country)) {
    throw CommonErrors.invalidRequest(`Organization country '${input.country}' is not an ISO 3166 alpha-2 code`);
  }
  const domain = input.domain === null ? null : normalizeDomain(input.domain);
  if (input.domain !== null && domain === null)
    throw CommonErrors.invalidRequest(`Organization domain '${input.domain}' is not a domain name`);

  if (domain !== null) {
    const existing = await deps.repo.findByDomainAndType(accountId, domain, input.type, exec);
    if (existing) return { organization: existing, created: false };
  }
  const organization = await deps.repo.insertOne(
    accountId,
    { name: name.data.replace(/\s+/g, ' '), type: input.type, country: input.country, domain },
    exec,
  );
  return { organization, created: true };
}
