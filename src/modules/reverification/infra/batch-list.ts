import { Repository } from '../../../platform/db/index.ts';

/** The account's batches, newest first, for the console's list (the API reads one batch at a time). */
export class BatchListQueries extends Repository {
  list(accountId: string, limit: number) {
    return this.db
      .selectFrom('reverify_batches')
      .select(['id', 'program_id', 'status', 'total_records', 'records_processed', 'failure_reason', 'created_at', 'completed_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
