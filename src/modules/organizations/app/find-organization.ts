import { FIRST_ACCOUNT_ORGANIZATION_ID, type Organization } from '../domain/organization.ts';
import type { AcademicDirectory } from '../infra/academic-directory.ts';
import type { OrganizationsRepository } from '../infra/organizations-repository.ts';

export interface FindOrganizationDeps {
  repo: Pick<OrganizationsRepository, 'findById'>;
  directory: Pick<AcademicDirectory, 'findById'>;
}

/** One organization by id: the account's own (ids from 10,000,000,000 up) or a school of the directory. */
export async function findOrganization(deps: FindOrganizationDeps, accountId: string, id: number): Promise<Organization | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return id >= FIRST_ACCOUNT_ORGANIZATION_ID ? deps.repo.findById(accountId, id) : deps.directory.findById(id);
}
