import { parseCsv } from '../../../shared/csv.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { ProgramErrors } from '../error-codes.ts';
import type { ProgramsDeps } from './deps.ts';

const MAX_CODES = 100_000;

/**
 * Adds single-use codes to a program's pool from CSV (one column; a header row named `code` is optional).
 * Duplicates are dropped. Bad input adds nothing.
 */
export async function uploadRewardCodes(deps: ProgramsDeps, accountId: string, programId: string, csvText: string) {
  const program = await deps.repo.findInAccount(accountId, programId);
  if (!program) throw ProgramErrors.noProgram(programId);
  if (program.config.offerType !== 'rewardPool') throw ProgramErrors.notAPool(programId);
  const rows = parseCsv(csvText);
  if (rows[0]?.[0]?.trim().toLowerCase() === 'code') rows.shift();
  const codes = new Set<string>();
  rows.forEach((row, i) => {
    const code = (row[0] ?? '').trim();
    if (row.length !== 1 || !code || code.length > 200) {
      throw CommonErrors.invalidRequest(`Line ${i + 1}: expected one non-empty code of at most 200 characters`);
    }
    codes.add(code);
  });
  if (codes.size === 0) throw CommonErrors.invalidRequest('No codes in the file');
  if (codes.size > MAX_CODES) throw CommonErrors.invalidRequest(`At most ${MAX_CODES} codes per upload; split the file`);
  const added = await deps.repo.addRewardCodes(accountId, programId, [...codes]);
  return { added, remaining: await deps.repo.remainingRewardCodes(programId) };
}
