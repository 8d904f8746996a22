import type { Database } from '../../../platform/db/index.ts';
import { type Program, rewardPlan } from '../../programs/index.ts';
import type { ResponseDocument } from '../domain/response.ts';
import type { Verification } from '../domain/verification.ts';
import { stateAfter, type VerificationPatch } from '../infra/verifications-repository.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { respond } from './response-context.ts';
import { plainReward, reward } from './reward.ts';
import { emitStepChange } from './webhook-events.ts';

export interface Move {
  patch: VerificationPatch;
  /** A success: hand out the reward in the same transaction. */
  reward: boolean;
  /** Documents the new state's response lists (read before the transaction: PGlite has one connection). */
  documents?: ResponseDocument[];
  /** Work that must commit with the move (e.g. a review decision row). */
  alsoInTransaction?: (trx: Database, next: Verification) => Promise<void>;
}

/**
 * Applies a move under the row lock, so two requests moving the same verification cannot both win: the
 * loser finds a newer version and gets a conflict. The new state, its reward and the record of its
 * response commit together.
 */
export async function persistMove(deps: VerificationsDeps, v: Verification, program: Program, move: Move): Promise<Verification> {
  const now = deps.clock.now();
  if (await isSimple(deps, v, program, move)) {
    // Nothing else to write with it: the move and its response in one statement, applied only at v's version.
    const patch = move.reward ? { ...move.patch, ...plainReward(program) } : move.patch;
    const next = stateAfter(v, patch, now);
    const response = await respond(deps, next, program, move.documents ?? []);
    if (!(await deps.repo.updateIfUnchanged(v, patch, next, response))) throw VerificationErrors.concurrentChange(v);
    return next;
  }
  return deps.repo.transaction(async (trx: Database) => {
    const current = await deps.repo.findById(v.id, trx, true);
    if (!current || current.version !== v.version) throw VerificationErrors.concurrentChange(v);
    const patch = move.reward ? { ...move.patch, ...(await reward(deps, trx, program, v.id, now)) } : move.patch;
    const next = await deps.repo.update(trx, current, patch, now);
    await move.alsoInTransaction?.(trx, next);
    await deps.repo.recordStep(trx, next, await respond(deps, next, program, move.documents ?? []));
    await emitStepChange(deps, trx, current, next);
    return next;
  });
}

/** A move that writes only the verification and its step: no reward from a pool, no other row, no event stored. */
async function isSimple(deps: VerificationsDeps, v: Verification, program: Program, move: Move): Promise<boolean> {
  if (move.alsoInTransaction || (move.reward && rewardPlan(program).kind === 'pool')) return false;
  return deps.events.isQuiet(v.accountId);
}
