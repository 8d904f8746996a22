import type { Database } from '../../platform/db/index.ts';
import { findOrganization } from './app/find-organization.ts';
import { importOrganizations } from './app/import-organizations.ts';
import { searchOrganizations, type SearchOrganizationsInput } from './app/search-organizations.ts';
import { sharedAcademicDirectory } from './infra/academic-directory.ts';
import { OrganizationsRepository } from './infra/organizations-repository.ts';

export {
  ORGANIZATION_TYPES,
  FIRST_ACCOUNT_ORGANIZATION_ID,
  countryOfDomain,
  isOrganizationType,
  type Organization,
  type OrganizationType,
} from './domain/organization.ts';
export { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type SearchOrganizationsInput } from './app/search-organizations.ts';
export { MAX_IMPORT_ROWS, type ImportOrganizationsResult } from './app/import-organizations.ts';
export { registerOrganizationRoutes } from './http/routes.ts';

/**
 * Organization search and import, bound to a store. The academic directory is shared by every module
 * instance of the process: it is read from disk once, on first use (or on `warmUp`).
 */
export function createOrganizationsModule(db: Database) {
  const deps = { repo: new OrganizationsRepository(db), directory: sharedAcademicDirectory() };
  return {
    search: (input: SearchOrganizationsInput) => searchOrganizations(deps, input),
    find: (accountId: string, id: number) => findOrganization(deps, accountId, id),
    importCsv: (accountId: string, csvText: string) => importOrganizations(deps, accountId, csvText),
    /** Loads the academic directory now, so that the first search does not wait for it. */
    warmUp: () => deps.directory.load(),
  };
}

export type OrganizationsModule = ReturnType<typeof createOrganizationsModule>;
