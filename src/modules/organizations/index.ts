import type { Database } from '../../platform/db/index.ts';
import type { VouchModule } from '../../platform/module.ts';
import type { Principal } from '../../shared/principal.ts';
import { addOrganization, type NewAccountOrganization } from './app/add-organization.ts';
import { findOrganization } from './app/find-organization.ts';
import { describeSubmittedOrganization, type SubmittedOrganizationLookup } from './app/organization-of-verification.ts';
import { importOrganizations } from './app/import-organizations.ts';
import { searchOrganizationsByDomain, type SearchByDomainInput } from './app/search-by-domain.ts';
import { searchOrganizations, type SearchOrganizationsInput } from './app/search-organizations.ts';
import { sharedAcademicDirectory } from './infra/academic-directory.ts';
import { OrganizationsRepository } from './infra/organizations-repository.ts';
import { registerOrganizationRoutes } from './http/routes.ts';

export {
  ORGANIZATION_TYPES,
  FIRST_ACCOUNT_ORGANIZATION_ID,
  countryOfDomain,
  isOrganizationType,
  type Organization,
  type OrganizationType,
} from './domain/organization.ts';
export { isCountryCode } from './domain/countries.ts';
export { domainAndParents, normalizeDomain } from './domain/domain-names.ts';
export type { AddedOrganization, NewAccountOrganization } from './app/add-organization.ts';
export type { SearchByDomainInput } from './app/search-by-domain.ts';
export { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type SearchOrganizationsInput } from './app/search-organizations.ts';
export { MAX_IMPORT_ROWS, type ImportOrganizationsResult } from './app/import-organizations.ts';
export { OrganizationErrors } from './error-codes.ts';
export type { OrganizationDetails, SubmittedOrganization, SubmittedOrganizationLookup } from './app/organization-of-verification.ts';

/**
 * Organization search and import, bound to a store, and their routes. The academic directory is shared by
 * every module instance of the process: it is read from disk once, on first use (or on `warmUp`). The
 * organization a person submitted on a verification is read through `submittedOrganization` (the
 * verifications module's, wired in src/main; this module cannot import it, as verifications builds on it).
 */
export function createOrganizationsModule(
  db: Database,
  ports: { submittedOrganization?: SubmittedOrganizationLookup } = {},
): OrganizationsModule {
  const deps = { repo: new OrganizationsRepository(db), directory: sharedAcademicDirectory() };
  const find = (accountId: string, id: number) => findOrganization(deps, accountId, id);
  const submitted: SubmittedOrganizationLookup =
    ports.submittedOrganization ??
    (async () => {
      throw new Error('no lookup of verifications was wired');
    });
  const organizations: OrganizationsModule = {
    name: 'organizations',
    search: (input) => searchOrganizations(deps, input),
    searchByDomain: (input) => searchOrganizationsByDomain(deps, input),
    add: (accountId, input, exec) => addOrganization(deps, accountId, input, exec),
    find,
    /** The organization submitted on a verification of the caller's account, as SheerID describes one. */
    ofVerification: (principal, verificationId) => describeSubmittedOrganization(find, submitted, principal, verificationId),
    importCsv: (accountId, csvText) => importOrganizations(deps, accountId, csvText),
    /** Loads the academic directory now, so that the first search does not wait for it. */
    warmUp: () => deps.directory.load(),
    routes: (app) => registerOrganizationRoutes(app, organizations),
  };
  return organizations;
}

export interface OrganizationsModule extends VouchModule {
  search(input: SearchOrganizationsInput): ReturnType<typeof searchOrganizations>;
  /** The organizations of an address at a domain (the domain or one it lies under): the account's, then the directory's. */
  searchByDomain(input: SearchByDomainInput): ReturnType<typeof searchOrganizationsByDomain>;
  /**
   * Adds one organization to the account's own (an approved add-school request), found by the account's
   * programs from then on; one of the same domain and type already there is answered instead. `exec`: a
   * transaction of the caller's, for the organization to land with the caller's writes.
   */
  add(accountId: string, input: NewAccountOrganization, exec?: Database): ReturnType<typeof addOrganization>;
  find(accountId: string, id: number): ReturnType<typeof findOrganization>;
  ofVerification(principal: Principal, verificationId: string): ReturnType<typeof describeSubmittedOrganization>;
  importCsv(accountId: string, csvText: string): ReturnType<typeof importOrganizations>;
  warmUp(): Promise<unknown>;
}
