import { stepsOfPrograms } from '../../verifications/index.ts';
import { encodeBefore, type ExplorerFilter, range } from '../domain/filters.ts';
import type { ExplorerDeps } from './deps.ts';

export const PAGE_SIZE = 50;

/** One page of the account's verifications, newest first, filtered; with the programs and steps the filters offer. */
export async function listVerifications(deps: ExplorerDeps, accountId: string, filter: ExplorerFilter) {
  const programs = await deps.programs(accountId);
  const rows = await deps.list(accountId, {
    programId: filter.programId,
    step: filter.step,
    ...range(filter),
    testMode: filter.testMode,
    before: filter.before,
    limit: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const names = new Map(programs.map((p) => [p.id, p.name]));
  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    steps: stepsOfPrograms(programs),
    rows: page.map((r) => ({ ...r, programName: names.get(r.program_id) ?? null })),
    next: rows.length > PAGE_SIZE ? encodeBefore(page[page.length - 1]) : null,
  };
}
