import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/db/index.ts';
import { autogenCode, rewardPlan, type Program } from '../../programs/index.ts';
import type { VerificationPatch } from '../infra/verifications-repository.ts';
import type { VerificationsDeps } from './deps.ts';

/**
 * The reward of a success, inside the transaction that stores it: a pool code is spent only if the
 * success is committed. An empty pool turns the success into the documented `noRemainingRewardCodes` error.
 */
export async function reward(
  deps: VerificationsDeps,
  trx: Database,
  program: Program,
  verificationId: string,
  now: Date,
): Promise<VerificationPatch> {
  const plain = plainReward(program);
  if (plain) return plain;
  const code = await deps.programs.claimRewardCode(trx, program.id, verificationId, now);
  return code !== undefined
    ? { rewardCode: code }
    : {
        currentStep: 'error',
        errorIds: ['noRemainingRewardCodes'],
        systemErrorMessage: `No reward codes remaining for program with ID '${program.id}'`,
      };
}

/** The reward of a success when it needs no store (none, fixed or generated); null for a code from the pool. */
export function plainReward(program: Program): VerificationPatch | null {
  const plan = rewardPlan(program);
  switch (plan.kind) {
    case 'none':
      return { rewardCode: null };
    case 'fixed':
      return { rewardCode: plan.code };
    case 'generate':
      return { rewardCode: autogenCode(randomBytes(10)) };
    case 'pool':
      return null;
  }
}
