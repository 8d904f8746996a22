import type { Program } from './program.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A unique code for `autogenCode` offers, from random bytes (unambiguous alphabet, 2 groups of 5). */
export function autogenCode(random: Uint8Array): string {
  const chars = Array.from(random.slice(0, 10), (b) => ALPHABET[b % ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/**
 * Test-mode programs never hand out real pool codes: a placeholder of the same kind of length stands in,
 * so an integrator sees where the code goes without spending the pool.
 */
export const TEST_REWARD_CODE = 'TEST-#####';

export type RewardPlan = { kind: 'none' } | { kind: 'fixed'; code: string } | { kind: 'generate' } | { kind: 'pool' };

export function rewardPlan(p: Program): RewardPlan {
  switch (p.config.offerType) {
    case 'noCode':
      return { kind: 'none' };
    case 'staticCode':
      return { kind: 'fixed', code: p.config.staticCode ?? '' };
    case 'rewardPool':
      return p.testMode ? { kind: 'fixed', code: TEST_REWARD_CODE } : { kind: 'pool' };
    default:
      return { kind: 'generate' };
  }
}
