import type { Organization } from '../../organizations/index.ts';
import { splitByAcceptance } from '../domain/add-school-request.ts';
import type { AddSchoolAppDeps } from './deps.ts';
import { acceptanceOf } from './program-acceptance.ts';

export type SchoolSearch =
  | { programId: string; schoolDomain: string; schoolCountry: string }
  | { programId: string; schoolName: string; schoolCountry: string };

export interface SchoolMatches {
  eligible: Organization[];
  ineligible: Organization[];
  errorIds: string[];
}

/**
 * Before a person asks for a school: the organizations already known (the directory's and the program's
 * account's) with that domain or name, in that country (or of no known country), split by whether the
 * program accepts them (its organization types, countries and exclusions).
 */
export async function searchSchools(deps: AddSchoolAppDeps, q: SchoolSearch, callerAccountId: string | null): Promise<SchoolMatches> {
  const program = await deps.loadProgram(q.programId, callerAccountId);
  const within = { accountId: program.accountId, countries: [q.schoolCountry] };
  const found =
    'schoolDomain' in q
      ? await deps.organizations.searchByDomain({ ...within, domain: q.schoolDomain })
      : await deps.organizations.search({ ...within, name: q.schoolName });
  return { ...splitByAcceptance(acceptanceOf(program), found), errorIds: [] };
}
