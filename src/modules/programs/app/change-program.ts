import type { Database } from '../../../platform/db/index.ts';
import { HEX24 } from '../../../shared/ids.ts';
import type { Program } from '../domain/program.ts';
import { ProgramErrors } from '../error-codes.ts';
import type { ProgramsDeps } from './deps.ts';

/**
 * Changes a program of the account: `change` gets the program as stored (its row locked, so two changes
 * at once apply one after the other) and returns what it becomes; its name, mode and config are written.
 * `alongside` runs in the same transaction with the program before and after (to emit the change), so
 * either both commit or neither does. Another account's program is answered as unknown (noProgram).
 */
export async function changeProgram(
  deps: Pick<ProgramsDeps, 'repo'>,
  accountId: string,
  programId: string,
  change: (p: Program) => Program,
  alongside?: (trx: Database, before: Program, after: Program) => Promise<void>,
): Promise<Program> {
  if (!HEX24.test(programId)) throw ProgramErrors.noProgram(programId);
  return deps.repo.transaction(async (trx) => {
    const before = await deps.repo.lockInAccount(trx, accountId, programId);
    if (!before) throw ProgramErrors.noProgram(programId);
    const after = change(before);
    await deps.repo.update(after, trx);
    await alongside?.(trx, before, after);
    return after;
  });
}
