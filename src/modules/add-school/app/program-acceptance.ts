import { SEGMENTS } from '../../eligibility-terms/index.ts';
import type { Program } from '../../programs/index.ts';
import type { ProgramAcceptance } from '../domain/add-school-request.ts';

/** What the program accepts of organizations, as its organization search reads it. */
export const acceptanceOf = (program: Program): ProgramAcceptance => ({
  types: program.config.orgTypes ?? SEGMENTS[program.segment]?.orgTypes ?? [],
  countries: program.config.countries,
  excludedIds: program.config.excludedOrganizationIds,
});
