import { CommonErrors } from '../../../shared/errors.ts';
import { ProgramErrors } from '../error-codes.ts';
import type { ProgramsDeps } from './deps.ts';

/** The highest low-stock threshold (an upload holds at most 100,000 codes). */
export const MAX_LOW_STOCK_THRESHOLD = 100_000;

/** A program's pool: codes left, and its low-stock warning (threshold, whether the account was warned). */
export async function rewardCodeStock(deps: ProgramsDeps, accountId: string, programId: string) {
  const program = await deps.repo.findInAccount(accountId, programId);
  if (!program) throw ProgramErrors.noProgram(programId);
  const [remaining, alert] = await Promise.all([deps.repo.remainingRewardCodes(programId), deps.repo.lowStockAlert(programId)]);
  return { program, remaining, alert };
}

/**
 * Sets the number of free codes at or below which the account is warned by mail (once per fall; an upload
 * above it arms the warning again); null removes the warning.
 */
export async function setRewardCodeThreshold(deps: ProgramsDeps, accountId: string, programId: string, threshold: number | null) {
  const program = await deps.repo.findInAccount(accountId, programId);
  if (!program) throw ProgramErrors.noProgram(programId);
  if (threshold !== null && !(Number.isInteger(threshold) && threshold >= 0 && threshold <= MAX_LOW_STOCK_THRESHOLD)) {
    throw CommonErrors.invalidRequest(
      `The warning threshold must be a whole number from 0 to ${MAX_LOW_STOCK_THRESHOLD.toLocaleString('en')}`,
    );
  }
  await deps.repo.setLowStockThreshold(accountId, programId, threshold, deps.clock.now());
}
