import { CommonErrors } from '../../../shared/errors.ts';
import { MAX_ORGANIZATION_NAME_LENGTH, type Organization } from '../domain/organization.ts';
import type { AcademicDirectory } from '../infra/academic-directory.ts';
import type { OrganizationsRepository } from '../infra/organizations-repository.ts';

export interface SearchOrganizationsDeps {
  repo: Pick<OrganizationsRepository, 'searchByName'>;
  directory: Pick<AcademicDirectory, 'search'>;
}

export interface SearchOrganizationsInput {
  /** Whose imported organizations are searched too; null for the built-in directory alone. */
  accountId: string | null;
  name: string;
  /** ISO alpha-2 codes, any case; empty means every country. */
  countries?: readonly string[];
  /** Organization types, any case; empty means every type. */
  types?: readonly string[];
  limit?: number;
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;

/** Types the built-in academic directory answers for. */
const DIRECTORY_TYPES = new Set(['UNIVERSITY', 'POST_SECONDARY']);

/**
 * Organizations whose name contains `name`: the account's own first, then schools from the built-in
 * directory (when the search is for schools), without repeating a name.
 */
export async function searchOrganizations(deps: SearchOrganizationsDeps, input: SearchOrganizationsInput): Promise<Organization[]> {
  const name = input.name.trim();
  if (name.length > MAX_ORGANIZATION_NAME_LENGTH) {
    throw CommonErrors.invalidRequest(`name must be at most ${MAX_ORGANIZATION_NAME_LENGTH} characters`);
  }
  const countries = normalizeCountries(input.countries ?? []);
  const types = normalizeTypes(input.types ?? []);
  const limit = normalizeLimit(input.limit);
  if (name === '') return [];

  const own = input.accountId === null ? [] : await deps.repo.searchByName(input.accountId, name, { country: countries, types, limit });
  const wantsSchools = types.length === 0 || types.some((t) => DIRECTORY_TYPES.has(t));
  const schools =
    wantsSchools && own.length < limit
      ? // Asks for more than needed: some may repeat a name already listed.
        await deps.directory.search(name, { country: countries, limit: 2 * limit + own.length })
      : [];

  const seen = new Set<string>();
  const result: Organization[] = [];
  for (const org of [...own, ...schools]) {
    const key = org.name.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(org);
    if (result.length >= limit) break;
  }
  return result;
}

function normalizeCountries(countries: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of countries) {
    const c = raw.trim().toUpperCase();
    if (c === '') continue;
    if (!/^[A-Z]{2}$/.test(c)) throw CommonErrors.invalidRequest(`country '${raw}' is not a two-letter ISO 3166 code`);
    out.add(c);
  }
  return [...out];
}

/** Upper-cased; a type outside ORGANIZATION_TYPES is kept and simply matches nothing. */
function normalizeTypes(types: readonly string[]): string[] {
  return [...new Set(types.map((t) => t.trim().toUpperCase()).filter((t) => t !== ''))];
}

function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(limit)));
}
