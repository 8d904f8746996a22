import { type Database, Repository } from '../../../platform/db/index.ts';

/** Where a keyset page starts: after (or, `inclusive`, from) this instant; with `id`, after this row of that instant. */
export interface KeysetBound {
  at: Date;
  id?: string;
  inclusive?: boolean;
}

/** A verification awaiting review, as a queue row shows it (no personal data). */
export interface PendingRow {
  id: string;
  program_id: string;
  pending_since: Date;
  doc_attempts: number;
  test_mode: boolean;
  segment: string;
}

/** A verification as the explorer lists it (no personal data). */
export interface ListedRow {
  id: string;
  program_id: string;
  segment: string;
  current_step: string;
  test_mode: boolean;
  created_at: Date;
  updated_at: Date;
  doc_attempts: number;
}

export interface ExploreFilter {
  programId?: string;
  step?: string;
  from?: Date;
  to?: Date;
  testMode?: boolean;
  /** Rows older than this one (the previous page's last row), newest first. */
  before?: { at: Date; id: string };
  limit: number;
}

/**
 * The console's reads of verifications: the review queue's page and counts, the explorer's list, and the
 * decisions recorded on one verification. Every query takes the account; pages are read by keyset over
 * the indexes of migration 0025, never by loading the rows before them.
 */
export class ConsoleReadsRepository extends Repository {
  /** Verifications awaiting review, oldest first (waiting since, then id), from `after`. */
  pendingPage(accountId: string, q: { programId?: string; after?: KeysetBound; limit: number }): Promise<PendingRow[]> {
    let query = this.db
      .selectFrom('verifications')
      .select(['id', 'program_id', 'pending_since', 'doc_attempts', 'test_mode', 'segment'])
      .where('account_id', '=', accountId)
      .where('current_step', '=', 'pending')
      .where('pending_since', 'is not', null);
    if (q.programId) query = query.where('program_id', '=', q.programId);
    const after = q.after;
    if (after) {
      query = after.id
        ? query.where((eb) => eb(eb.refTuple('pending_since', 'id'), '>', eb.tuple(after.at, after.id!)))
        : query.where('pending_since', after.inclusive ? '>=' : '>', after.at);
    }
    return query.orderBy('pending_since').orderBy('id').limit(q.limit).execute() as Promise<PendingRow[]>;
  }

  /** How many verifications await review, per program. */
  async pendingCounts(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('verifications')
      .select((eb) => ['program_id', eb.fn.countAll<string>().as('n')])
      .where('account_id', '=', accountId)
      .where('current_step', '=', 'pending')
      .where('pending_since', 'is not', null)
      .groupBy('program_id')
      .execute();
    return new Map(rows.map((r) => [r.program_id, Number(r.n)]));
  }

  /** How many verifications await review since before their program's cutoff (past its review time). */
  async pendingBefore(accountId: string, cutoffs: { programId: string; before: Date }[]): Promise<number> {
    if (cutoffs.length === 0) return 0;
    const row = await this.db
      .selectFrom('verifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .where('current_step', '=', 'pending')
      .where((eb) => eb.or(cutoffs.map((c) => eb.and([eb('program_id', '=', c.programId), eb('pending_since', '<', c.before)]))))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The account's verifications, newest first, filtered; one page from `before`. */
  explorePage(accountId: string, f: ExploreFilter): Promise<ListedRow[]> {
    let query = this.db
      .selectFrom('verifications')
      .select(['id', 'program_id', 'segment', 'current_step', 'test_mode', 'created_at', 'updated_at', 'doc_attempts'])
      .where('account_id', '=', accountId);
    if (f.programId) query = query.where('program_id', '=', f.programId);
    if (f.step) query = query.where('current_step', '=', f.step);
    if (f.from) query = query.where('created_at', '>=', f.from);
    if (f.to) query = query.where('created_at', '<', f.to);
    if (f.testMode !== undefined) query = query.where('test_mode', '=', f.testMode);
    const before = f.before;
    if (before) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.at, before.id)));
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute() as Promise<ListedRow[]>;
  }

  /** The reviewers' decisions on a verification, by attempt. */
  decisions(accountId: string, verificationId: string, exec: Database = this.db) {
    return exec
      .selectFrom('review_decisions')
      .select(['attempt', 'decision', 'rejection_reasons', 'decided_by', 'decided_at'])
      .where('account_id', '=', accountId)
      .where('verification_id', '=', verificationId)
      .orderBy('attempt')
      .execute() as Promise<
      { attempt: number; decision: 'APPROVE' | 'REJECT'; rejection_reasons: string[]; decided_by: string; decided_at: Date }[]
    >;
  }
}
