import { Repository } from '../../../platform/db/index.ts';
import { REQUEST_STATUS } from '../../client-requests/index.ts';

/** A client ID report awaiting review, as the console's queue shows it (no personal data). */
export interface AwaitingRow {
  request_id: string;
  report_number: string;
  review_status_date: Date;
  sample: boolean;
}

/**
 * The reports awaiting review of an account, read by keyset (since the report went to review, then the
 * request's id) over the index of migration 0025: undecided reports whose request is still in review.
 */
export class ReviewQueueRepository extends Repository {
  private awaiting(accountId: string) {
    return this.db
      .selectFrom('idv_reports as r')
      .innerJoin('client_requests as c', 'c.id', 'r.request_id')
      .where('r.account_id', '=', accountId)
      .where('r.decision', 'is', null)
      .where('r.expired_at', 'is', null)
      .where('c.status', '=', REQUEST_STATUS.review);
  }

  page(accountId: string, q: { after?: { at: Date; id?: string; inclusive?: boolean }; limit: number }): Promise<AwaitingRow[]> {
    let query = this.awaiting(accountId).select(['r.request_id', 'r.report_number', 'r.review_status_date', 'r.sample']);
    const after = q.after;
    if (after) {
      query = after.id
        ? query.where((eb) => eb(eb.refTuple('r.review_status_date', 'r.request_id'), '>', eb.tuple(after.at, after.id!)))
        : query.where('r.review_status_date', after.inclusive ? '>=' : '>', after.at);
    }
    return query.orderBy('r.review_status_date').orderBy('r.request_id').limit(q.limit).execute();
  }

  async count(accountId: string): Promise<number> {
    const r = await this.awaiting(accountId)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Reports still served whose warning date has come (they stop being served at their expiry): how many, and the soonest expiry. */
  async expiring(accountId: string, now: Date): Promise<{ count: number; soonest: Date | null }> {
    const r = await this.db
      .selectFrom('idv_reports')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('expiry_date').as('soonest')])
      .where('account_id', '=', accountId)
      .where('expired_at', 'is', null)
      .where('warning_date', '<=', now)
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), soonest: r.soonest ? new Date(r.soonest as Date) : null };
  }
}
