import { type Database, Repository } from '../../../platform/db/index.ts';

export interface RosterRow {
  account_id: string;
  organization_id: number | null;
  name_hash: string;
  birth_date_hash: string | null;
  email_hash: string | null;
  person_enc: string;
  affiliation: string | null;
  status_start: string | null;
  status_end: string | null;
}

/** Eligible people imported by an account; every query is scoped by the account. */
export class RosterRepository extends Repository {
  /** Adds rows; with `replace`, the account's earlier roster is removed in the same transaction. */
  async insertMany(rows: RosterRow[], replace = false) {
    await this.transaction(async (trx) => {
      if (replace && rows.length) await trx.deleteFrom('roster_entries').where('account_id', '=', rows[0].account_id).execute();
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('roster_entries')
          .values(rows.slice(i, i + 500))
          .execute();
    });
  }

  /** Entries of the account with one of these name digests and a status current on `today` (an ISO date). */
  findCurrentByNames(accountId: string, nameHashes: string[], today: string, exec: Database = this.db) {
    if (nameHashes.length === 0) return Promise.resolve([]);
    return exec
      .selectFrom('roster_entries')
      .select(['name_hash', 'organization_id', 'birth_date_hash', 'email_hash', 'affiliation'])
      .where('account_id', '=', accountId)
      .where('name_hash', 'in', nameHashes)
      .where((eb) => eb.or([eb('status_start', 'is', null), eb('status_start', '<=', today)]))
      .where((eb) => eb.or([eb('status_end', 'is', null), eb('status_end', '>=', today)]))
      .execute();
  }
}
