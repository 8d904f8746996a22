import { CommonErrors } from '../../../shared/errors.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { isCountryCode, isOrganizationType, ORGANIZATION_TYPES } from '../../organizations/index.ts';
import type { ProgramsDeps } from './deps.ts';
import { loadProgram, type OrganizationSearch } from './theme-and-search.ts';

export interface OrgSearchQuery {
  /** What the person typed: clients append it to the theme's `orgSearchUrl`, which ends with `name=`. */
  name: string;
  /** ISO 3166 alpha-2 codes, comma-separated (`US,CA`), any case; a repeated parameter counts too. */
  country?: string | string[];
  /** Organization types, comma-separated (`UNIVERSITY,POST_SECONDARY`), any case. */
  type?: string | string[];
  /** Vouch: the program the search is for (the theme's URL names it), for its account's organizations and exclusions. */
  programId?: string;
  callerAccountId?: string | null;
}

/**
 * The organization search at the theme's `config.orgSearchUrl`, in the query shape of SheerID's
 * orgsearch service (`country`, `type`, `name`). With a program, it searches what a person of the
 * program can pick: the program's account's organizations and the built-in directory, within the
 * program's countries and types (a client may narrow them, never widen them), minus its exclusions.
 * Without one, the caller's account's organizations (when a token is sent) and the directory. An unknown
 * country or type is refused, as a filter that cannot match is a mistake in the URL.
 */
export async function searchOrganizationsForForm(deps: Pick<ProgramsDeps, 'repo'>, search: OrganizationSearch, q: OrgSearchQuery) {
  const program = q.programId === undefined ? null : await loadProgram(deps, q.programId, q.callerAccountId);
  const programCountries = new Set(program?.config.countries ?? []);
  const countries = listed(q.country, 'country', (c) => isCountryCode(c) || programCountries.has(c), 'an ISO 3166 alpha-2 country code');
  const types = listed(q.type, 'type', isOrganizationType, `one of ${ORGANIZATION_TYPES.join(', ')}`);

  let accountId = q.callerAccountId ?? null;
  let excluded = new Set<number>();
  let within = { countries, types };
  if (program) {
    accountId = program.accountId;
    excluded = new Set(program.config.excludedOrganizationIds);
    const programTypes = program.config.orgTypes ?? SEGMENTS[program.segment].orgTypes;
    within = {
      countries: countries.length ? countries.filter((c) => programCountries.has(c)) : [...programCountries],
      types: types.length ? types.filter((t) => programTypes.includes(t)) : [...programTypes],
    };
    // Narrowed to nothing the program accepts: nothing to find.
    if ((countries.length && !within.countries.length) || (types.length && !within.types.length)) return [];
  }
  const found = await search({ accountId, name: q.name, countries: within.countries, types: within.types });
  return found.filter((o) => !excluded.has(o.id)).map((o) => ({ id: o.id, name: o.name, country: o.country, type: o.type }));
}

/** A comma-separated (or repeated) query parameter as a list of upper-cased values, each of which `ok` must accept. */
function listed(value: string | string[] | undefined, parameter: string, ok: (v: string) => boolean, expected: string): string[] {
  const raw = [value ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const unknown = raw.find((v) => !ok(v.toUpperCase()));
  if (unknown !== undefined) {
    throw CommonErrors.invalidRequest(`Query parameter '${parameter}': '${unknown}' is not ${expected}`);
  }
  return [...new Set(raw.map((v) => v.toUpperCase()))];
}
