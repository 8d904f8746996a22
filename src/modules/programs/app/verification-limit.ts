import { CommonErrors } from '../../../shared/errors.ts';
import type { VerificationLimit } from '../infra/programs-repository.ts';
import type { ProgramsDeps } from './deps.ts';
import { loadProgram } from './theme-and-search.ts';

/**
 * SheerID's `POST /program/{id}/verificationLimit`: at most `quantity` verifications of the program by the
 * same person (first name, last name, birth date) within `days`. One per program: a second is refused
 * with 409 until the first is deleted. Another account's program is answered as unknown (noProgram).
 */
export async function setVerificationLimit(deps: ProgramsDeps, accountId: string, programId: string, limit: VerificationLimit) {
  await loadProgram(deps, programId, accountId);
  const stored = await deps.repo.verificationLimits().insert(accountId, programId, limit, deps.clock.now());
  if (!stored) {
    throw CommonErrors.conflict(`A verification limit already exists for program '${programId}'; delete it before setting another`);
  }
  return {};
}

/** Deletes the program's limit; a program without one is answered the same (`{}`). */
export async function deleteVerificationLimit(deps: ProgramsDeps, accountId: string, programId: string) {
  await loadProgram(deps, programId, accountId);
  await deps.repo.verificationLimits().remove(accountId, programId);
  return {};
}
