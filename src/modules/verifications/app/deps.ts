import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { Program } from '../../programs/index.ts';
import type { DeclarationCheck, FileDeclaration, PresentedDocument } from '../../documents/index.ts';
import type { RosterQuery } from '../../rosters/index.ts';
import type { EventOutbox } from '../../webhooks/index.ts';
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
  rosters: { matchMany(queries: RosterQuery[], exec?: Database): Promise<boolean[]> };
  documents: {
    check(body: unknown, limits: { maxFiles: number; maxFileSize: number }): DeclarationCheck;
    declare(v: { id: string; accountId: string }, attempt: number, files: FileDeclaration[]): Promise<PresentedDocument[]>;
    attempt(verificationId: string, attempt: number): Promise<PresentedDocument[]>;
    fileNames(verificationId: string, attempt: number): Promise<string[]>;
    schedulePurge(exec: Database, verificationId: string, retentionDays: number): Promise<void>;
    purgeDue(): Promise<number>;
    reviewInfo(q: {
      accountId: string;
      verificationId: string;
      attempt: number;
      programId: string;
      personId: string | null;
    }): Promise<unknown[]>;
  };
  /** Webhook events, written in the transaction of the change they tell. */
  events: EventOutbox;
  /** Test mode: how long the special document names wait before their automatic decision. */
  testReviewDelaySeconds: number;
}
