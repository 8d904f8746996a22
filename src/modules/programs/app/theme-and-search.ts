import { HEX24 } from '../../../shared/ids.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { buildTheme } from '../domain/theme.ts';
import type { Program } from '../domain/program.ts';
import { ProgramErrors } from '../error-codes.ts';
import type { ProgramsDeps } from './deps.ts';

/** A program reached by id, as the public end-user endpoints do; another account's caller sees nothing. */
export async function loadProgram(deps: Pick<ProgramsDeps, 'repo'>, id: string, callerAccountId?: string | null): Promise<Program> {
  const program = HEX24.test(id) ? await deps.repo.findById(id) : undefined;
  if (!program || (callerAccountId && program.accountId !== callerAccountId)) throw ProgramErrors.noProgram(id);
  return program;
}

export async function getTheme(deps: ProgramsDeps, id: string, locale: string | undefined, callerAccountId?: string | null) {
  const program = await loadProgram(deps, id, callerAccountId);
  const remaining =
    program.config.offerType === 'rewardPool' && !program.testMode ? await deps.repo.remainingRewardCodes(program.id) : null;
  return buildTheme(program, locale, deps.publicUrl, remaining);
}

export type OrganizationSearch = (q: {
  /** Whose imported organizations are searched too; null for the built-in directory alone. */
  accountId: string | null;
  name: string;
  countries?: string[];
  types?: string[];
  limit?: number;
}) => Promise<{ id: number; name: string; type: string; country: string | null }[]>;

/** Organizations a person of this program can pick: the program's types and countries, minus its exclusions. */
export async function searchProgramOrganizations(
  deps: ProgramsDeps,
  search: OrganizationSearch,
  q: { programId: string; name: string; country?: string; callerAccountId?: string | null },
) {
  const program = await loadProgram(deps, q.programId, q.callerAccountId);
  const countries = q.country
    ? q.country
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean)
    : program.config.countries;
  const excluded = new Set(program.config.excludedOrganizationIds);
  const found = await search({
    accountId: program.accountId,
    name: q.name,
    countries,
    types: program.config.orgTypes ?? SEGMENTS[program.segment].orgTypes,
  });
  return found.filter((o) => !excluded.has(o.id)).map((o) => ({ id: o.id, name: o.name, country: o.country, type: o.type }));
}
