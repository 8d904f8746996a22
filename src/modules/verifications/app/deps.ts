import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { Program } from '../../programs/index.ts';
import type { RosterQuery } from '../../rosters/index.ts';
import type { VerificationsRepository } from '../infra/verifications-repository.ts';

/** What the engine needs from other modules, wired in src/main. */
export interface VerificationsDeps {
  repo: VerificationsRepository;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
  programs: {
    load(id: string, callerAccountId?: string | null): Promise<Program>;
    remainingRewardCodes(programId: string): Promise<number>;
    claimRewardCode(exec: Database, programId: string, verificationId: string, now: Date): Promise<string | undefined>;
  };
  organizations: { find(accountId: string, id: number): Promise<{ id: number; name: string; type: string } | null> };
  rosters: { match(q: RosterQuery, exec?: Database): Promise<boolean> };
}
