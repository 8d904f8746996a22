import { Repository } from '../../../platform/db/index.ts';

/** The account's reports, newest first, for the console's list (the API reads one report at a time). */
export class ReportListQueries extends Repository {
  list(accountId: string, filter: { batchId?: string; limit: number }) {
    let q = this.db
      .selectFrom('reports')
      .select(['id', 'kind', 'batch_id', 'params', 'status', 'requester', 'created_at', 'completed_at', 'failure_reason'])
      .where('account_id', '=', accountId);
    if (filter.batchId !== undefined) q = q.where('batch_id', '=', filter.batchId);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  }
}
