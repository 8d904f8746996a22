import { type ColumnType, sql } from 'kysely';
import { Repository } from '../../../platform/db/index.ts';

/** Kysely's view of migrations/0021_abuse.sql. A type alias: `withTables` wants an implicit index signature. */
type AbuseTables = {
  abuse_counters: {
    program_id: string;
    rule: string;
    key: string;
    window_start: ColumnType<Date, Date, Date>;
    expires_at: ColumnType<Date, Date, Date>;
    count: number;
  };
};

/** One counter to increment: its rule and keyed digest, in its window. */
export interface CounterHit {
  rule: string;
  key: string;
  windowStart: Date;
  expiresAt: Date;
}

/** The velocity counters, shared by every process through the store. */
export class AbuseCountersRepository extends Repository {
  private get tables() {
    return this.db.withTables<AbuseTables>();
  }

  /**
   * Increments the program's counters and answers their new counts, by rule, in one statement: two
   * processes counting the same attempt at once both see their own increment.
   */
  async hit(programId: string, hits: CounterHit[]): Promise<Map<string, number>> {
    if (hits.length === 0) return new Map();
    const rows = await this.tables
      .insertInto('abuse_counters')
      .values(
        hits.map((h) => ({
          program_id: programId,
          rule: h.rule,
          key: h.key,
          window_start: h.windowStart,
          expires_at: h.expiresAt,
          count: 1,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['program_id', 'rule', 'key', 'window_start']).doUpdateSet({ count: sql<number>`abuse_counters.count + 1` }),
      )
      .returning(['rule', 'count'])
      .execute();
    return new Map(rows.map((r) => [r.rule, Number(r.count)]));
  }

  /** Forgets the counters whose window ended before `now`. */
  async sweep(now: Date): Promise<number> {
    const r = await this.tables.deleteFrom('abuse_counters').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
