import { type ColumnType, type Generated, sql } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';
import type { RequestStatus } from '../domain/add-school-request.ts';

/** Kysely's view of migrations/0014_add_school.sql. */
type AddSchoolRequestsTable = {
  id: string;
  seq: Generated<number>;
  account_id: string;
  program_id: string;
  request_key: string;
  person_enc: string;
  school_name: string;
  school_domain: string;
  school_country: string;
  tracking_id: string | null;
  status: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date, Date>;
  decided_at: Date | null;
  decided_by: string | null;
  note_enc: string | null;
  organization_id: ColumnType<number | string | null, number | null, number | null>;
};
type AddSchoolDailyCountsTable = {
  program_id: string;
  day: ColumnType<string, string, string>;
  requests: number;
};
// Type aliases, not interfaces: Kysely's `withTables` wants types with an implicit index signature.
type AddSchoolTables = {
  add_school_requests: AddSchoolRequestsTable;
  add_school_daily_counts: AddSchoolDailyCountsTable;
};

export interface NewRequest {
  id: string;
  accountId: string;
  programId: string;
  requestKey: string;
  personEnc: string;
  schoolName: string;
  schoolDomain: string;
  schoolCountry: string;
  trackingId: string | null;
  createdAt: Date;
}

export interface StoredRequest {
  id: string;
  accountId: string;
  programId: string;
  personEnc: string;
  schoolName: string;
  schoolDomain: string;
  schoolCountry: string;
  trackingId: string | null;
  status: RequestStatus;
  createdAt: Date;
}

export type StoreOutcome = 'stored' | 'repeat' | 'capped';

/** Signals, inside the transaction, that the day's cap is reached: the request's row goes with the rollback. */
class CapReached extends Error {}

const COLUMNS = [
  'id',
  'account_id',
  'program_id',
  'person_enc',
  'school_name',
  'school_domain',
  'school_country',
  'tracking_id',
  'status',
  'created_at',
] as const;

/** Add-school requests and the per-program daily counts. Reads and decisions take the account and reach only its rows. */
export class AddSchoolRepository extends Repository {
  private static tables = (db: Database) => db.withTables<AddSchoolTables>();

  /**
   * Stores a request once per program and key, counting it against the program's day: a repeat stores
   * nothing (`repeat`), a request over `cap` neither (`capped`). Both writes land together or not at all.
   */
  async store(row: NewRequest, day: string, cap: number): Promise<StoreOutcome> {
    try {
      return await this.transaction(async (trx) => {
        const t = AddSchoolRepository.tables(trx);
        const inserted = await t
          .insertInto('add_school_requests')
          .values({
            id: row.id,
            account_id: row.accountId,
            program_id: row.programId,
            request_key: row.requestKey,
            person_enc: row.personEnc,
            school_name: row.schoolName,
            school_domain: row.schoolDomain,
            school_country: row.schoolCountry,
            tracking_id: row.trackingId,
            created_at: row.createdAt,
          })
          .onConflict((oc) => oc.columns(['program_id', 'request_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return 'repeat';
        const counted = await t
          .insertInto('add_school_daily_counts')
          .values({ program_id: row.programId, day, requests: 1 })
          .onConflict((oc) =>
            oc
              .columns(['program_id', 'day'])
              .doUpdateSet({ requests: sql<number>`add_school_daily_counts.requests + 1` })
              .where('add_school_daily_counts.requests', '<', cap),
          )
          .returning('requests')
          .executeTakeFirst();
        if (!counted) throw new CapReached();
        return 'stored';
      });
    } catch (e) {
      if (e instanceof CapReached) return 'capped';
      throw e;
    }
  }

  /** The account's pending requests, oldest first. */
  async pending(accountId: string, limit: number): Promise<StoredRequest[]> {
    const rows = await AddSchoolRepository.tables(this.db)
      .selectFrom('add_school_requests')
      .select(COLUMNS)
      .where('account_id', '=', accountId)
      .where('status', '=', 'PENDING')
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toRequest);
  }

  /** One request of the account; in `exec` with `lock`, its row is held until that transaction ends. */
  async find(accountId: string, id: string, options: { exec?: Database; lock?: boolean } = {}): Promise<StoredRequest | null> {
    let query = AddSchoolRepository.tables(options.exec ?? this.db)
      .selectFrom('add_school_requests')
      .select(COLUMNS)
      .where('account_id', '=', accountId)
      .where('id', '=', id);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toRequest(row) : null;
  }

  /** Records the decision of a pending request of the account; false when it was not pending. */
  async markDecided(
    accountId: string,
    id: string,
    decision: { status: RequestStatus; at: Date; by: string; noteEnc: string | null; organizationId: number | null },
    exec: Database,
  ): Promise<boolean> {
    const updated = await AddSchoolRepository.tables(exec)
      .updateTable('add_school_requests')
      .set({
        status: decision.status,
        decided_at: decision.at,
        decided_by: decision.by,
        note_enc: decision.noteEnc,
        organization_id: decision.organizationId,
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('status', '=', 'PENDING')
      .returning('id')
      .executeTakeFirst();
    return updated !== undefined;
  }
}

function toRequest(row: {
  id: string;
  account_id: string;
  program_id: string;
  person_enc: string;
  school_name: string;
  school_domain: string;
  school_country: string;
  tracking_id: string | null;
  status: string;
  created_at: Date;
}): StoredRequest {
  return {
    id: row.id,
    accountId: row.account_id,
    programId: row.program_id,
    personEnc: row.person_enc,
    schoolName: row.school_name,
    schoolDomain: row.school_domain,
    schoolCountry: row.school_country,
    trackingId: row.tracking_id,
    status: row.status as RequestStatus,
    createdAt: new Date(row.created_at),
  };
}
