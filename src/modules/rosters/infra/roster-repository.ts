import type { Database } from '../../../platform/db/index.ts';

export interface RosterRow {
  account_id: string; organization_id: number | null; name_hash: string; birth_date_hash: string | null;
  email_hash: string | null; person_enc: string; affiliation: string | null; status_start: string | null; status_end: string | null;
}

/** Eligible people imported by an account; every query is scoped by the account. */
export class RosterRepository {
  constructor(private readonly db: Database) {}

  /** Adds rows; with `replace`, the account's earlier roster is removed in the same transaction. */
  async insertMany(rows: RosterRow[], replace = false) {
    await this.db.transaction().execute(async (trx) => {
      if (replace && rows.length) await trx.deleteFrom('roster_entries').where('account_id', '=', rows[0].account_id).execute();
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('roster_entries').values(rows.slice(i, i + 500)).execute();
    });
  }

  /** Whether someone with these digests is on the roster of `organizationId` (null: any) with a status current on `today`. */
  async findCurrent(q: {
    accountId: string; organizationId: number | null; nameHash: string; birthDateHash: string | null; emailHash: string | null;
    today: string; affiliations?: string[];
  }, exec: Database = this.db) {
    let query = exec.selectFrom('roster_entries').select(['id', 'affiliation', 'status_start', 'status_end'])
      .where('account_id', '=', q.accountId).where('name_hash', '=', q.nameHash)
      .where((eb) => eb.or([eb('status_start', 'is', null), eb('status_start', '<=', q.today)]))
      .where((eb) => eb.or([eb('status_end', 'is', null), eb('status_end', '>=', q.today)]))
      .where((eb) => eb.or([
        ...(q.birthDateHash ? [eb('birth_date_hash', '=', q.birthDateHash)] : []),
        ...(q.emailHash ? [eb('email_hash', '=', q.emailHash)] : []),
        eb.lit(false),
      ]));
    if (q.organizationId !== null) query = query.where('organization_id', '=', q.organizationId);
    if (q.affiliations?.length) query = query.where('affiliation', 'in', q.affiliations);
    return query.limit(1).executeTakeFirst();
  }
}
