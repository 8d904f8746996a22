import { CommonErrors } from '../../../shared/errors.ts';
import { domainAndParents, normalizeDomain } from '../domain/domain-names.ts';
import type { Organization } from '../domain/organization.ts';
import type { AcademicDirectory } from '../infra/academic-directory.ts';
import type { OrganizationsRepository } from '../infra/organizations-repository.ts';
import { DEFAULT_SEARCH_LIMIT } from './search-organizations.ts';

export interface SearchByDomainDeps {
  repo: Pick<OrganizationsRepository, 'findByDomains'>;
  directory: Pick<AcademicDirectory, 'findByDomains'>;
}

export interface SearchByDomainInput {
  /** Whose imported organizations are searched too; null for the built-in directory alone. */
  accountId: string | null;
  /** A host name (`stanford.edu`, `mail.cs.stanford.edu`), any case. */
  domain: string;
  /** ISO alpha-2 codes, upper case; an organization without a country matches any. Empty: every country. */
  countries?: readonly string[];
  limit?: number;
}

/**
 * The organizations of an address at `domain`: those whose domain is it or one it lies under
 * (`cs.stanford.edu` finds stanford.edu), the account's own first, then schools of the directory; the
 * closest domain first within each, without repeating a name. A value that is not a host name is refused.
 */
export async function searchOrganizationsByDomain(deps: SearchByDomainDeps, input: SearchByDomainInput): Promise<Organization[]> {
  const domain = normalizeDomain(input.domain);
  if (domain === null) throw CommonErrors.invalidRequest(`'${input.domain}' is not a domain name such as example.edu`);
  const domains = domainAndParents(domain);
  const limit = input.limit ?? DEFAULT_SEARCH_LIMIT;
  const countries = input.countries ?? [];
  const rank = (o: Organization) => domains.indexOf(o.domain ?? '');
  const own = input.accountId === null ? [] : await deps.repo.findByDomains(input.accountId, domains, { country: countries, limit });
  const schools = (await deps.directory.findByDomains(domains)).filter(
    (o) => countries.length === 0 || o.country === null || countries.includes(o.country),
  );

  const seen = new Set<string>();
  const result: Organization[] = [];
  for (const org of [...own.sort((a, b) => rank(a) - rank(b)), ...schools]) {
    const key = org.name.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(org);
    if (result.length >= limit) break;
  }
  return result;
}
