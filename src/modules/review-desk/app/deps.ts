import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Principal } from '../../../shared/principal.ts';
import type { reportForReview } from '../../id-reports/index.ts';
import type { ReviewDecision, reviewSubject } from '../../verifications/index.ts';
import type { ClaimsRepository } from '../infra/claims-repository.ts';

/** A bound a source reads its next rows from (see domain/queue.ts `boundFor`). */
export type Bound = { at: Date; id?: string; inclusive?: boolean };

export type DocumentSubject = Awaited<ReturnType<typeof reviewSubject>>;
export type ReportSubject = Awaited<ReturnType<typeof reportForReview>>;

/** A program as the queue names it and judges lateness by. */
export interface ProgramSummary {
  id: string;
  name: string;
  testMode: boolean;
  /** The program's promised review time (`maxReviewTime`, e.g. '20_MIN'). */
  maxReviewTime: string;
  /** How many document attempts the program allows (`maxDocUploadAttempts`). */
  maxAttempts: number;
}

/** Served bytes of a document or photo. */
export interface Bytes {
  bytes: Buffer;
  mimeType: string;
  fileName: string;
}

/**
 * What the review desk is made of: its own store (claims, notes) and the use cases of the modules whose
 * items it reviews, wired in src/main. It never decides anything itself: decisions go through the same use
 * cases as the APIs (`decideReview`, `reviewReport`), so state, events, webhooks and audit are theirs.
 */
export interface ReviewDeskDeps {
  claims: ClaimsRepository;
  box: SecretBox;
  clock: Clock;
  programs(accountId: string): Promise<ProgramSummary[]>;
  /** The email of each person named (claim holders), by user id; unknown ids are left out. */
  people(accountId: string, userIds: string[]): Promise<Map<string, string>>;
  documentReviews: {
    page(
      accountId: string,
      q: { programId?: string; after?: Bound; limit: number },
    ): Promise<{ id: string; program_id: string; pending_since: Date; doc_attempts: number; test_mode: boolean }[]>;
    counts(accountId: string): Promise<Map<string, number>>;
    /** How many have waited since before their program's cutoff. */
    late(accountId: string, cutoffs: { programId: string; before: Date }[]): Promise<number>;
    subject(accountId: string, verificationId: string): Promise<DocumentSubject>;
    decide(accountId: string, verificationId: string, decision: ReviewDecision, decidedBy: string): Promise<unknown>;
    read(principal: Principal, verificationId: string, documentId: string, ip: string | null): Promise<Bytes & { flags: string[] }>;
  };
  idReports: {
    page(
      accountId: string,
      q: { after?: Bound; limit: number },
    ): Promise<{ request_id: string; review_status_date: Date; sample: boolean }[]>;
    count(accountId: string): Promise<number>;
    subject(accountId: string, requestId: string): Promise<ReportSubject>;
    decide(accountId: string, input: { clientRequestId: string; decision: 'APPROVE' | 'REJECT'; reason: string | null }): Promise<unknown>;
    photo(accountId: string, requestId: string, kind: string): Promise<Bytes>;
  };
}
