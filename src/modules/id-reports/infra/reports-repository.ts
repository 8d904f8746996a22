import type { Selectable } from 'kysely';
import { type Database, type DB, Repository } from '../../../platform/db/index.ts';

export type ReportRow = Selectable<DB['idv_reports']>;

/**
 * The reports built from captures, their review, and the verified state of their clients. Every query that
 * takes an id also checks the account, except the scheduler's sweep (`due*`, `lockForWarning`,
 * `expireReport`, `purgeAudit`), which works over every account with ids from its own queries.
 */
export class IdReportsRepository extends Repository {
  async insertReport(
    exec: Database,
    row: Omit<ReportRow, 'expired_at' | 'audit_purged_at' | 'decision' | 'decision_reason_enc' | 'decided_at' | 'created_at'>,
    now: Date,
  ) {
    await exec
      .insertInto('idv_reports')
      .values({ ...row, created_at: now })
      .execute();
  }

  reportOf(accountId: string, requestId: string, exec: Database = this.db, lock = false) {
    let q = exec.selectFrom('idv_reports').selectAll().where('account_id', '=', accountId).where('request_id', '=', requestId);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst() as Promise<ReportRow | undefined>;
  }

  reportsOfRequests(accountId: string, requestIds: string[], exec: Database = this.db) {
    return exec
      .selectFrom('idv_reports')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('request_id', 'in', requestIds.length ? requestIds : ['-'])
      .execute() as Promise<ReportRow[]>;
  }

  async decide(exec: Database, accountId: string, id: string, decision: string, reasonEnc: string | null, now: Date) {
    await exec
      .updateTable('idv_reports')
      .set({ decision, decision_reason_enc: reasonEnc, decided_at: now })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }

  /** A report's content and results after its photos were read (the report row locked by the caller). */
  async updateContent(
    exec: Database,
    accountId: string,
    id: string,
    change: Pick<ReportRow, 'content_enc' | 'identity_result' | 'fraud_result'>,
  ) {
    await exec.updateTable('idv_reports').set(change).where('account_id', '=', accountId).where('id', '=', id).execute();
  }

  async markVerified(exec: Database, accountId: string, clientId: string, at: Date, until: Date) {
    await exec
      .updateTable('idv_clients')
      .set({ verified_at: at, verified_until: until })
      .where('account_id', '=', accountId)
      .where('id', '=', clientId)
      .execute();
  }

  dueReports(now: Date, limit = 200) {
    return this.db
      .selectFrom('idv_reports')
      .select(['id', 'request_id', 'account_id', 'file_id'])
      .where('expired_at', 'is', null)
      .where('expiry_date', '<=', now)
      .limit(limit)
      .execute();
  }

  /** Live reports past their warning date whose warning event (305) has not been written yet. */
  dueWarnings(now: Date, limit = 200) {
    return this.db
      .selectFrom('idv_reports as r')
      .select(['r.id', 'r.request_id', 'r.account_id', 'r.file_id'])
      .where('r.expired_at', 'is', null)
      .where('r.warning_date', '<=', now)
      .where('r.expiry_date', '>', now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('file_events as e')
              .select('e.id')
              .whereRef('e.client_request_id', '=', 'r.request_id')
              .where('e.event_id', '=', 305),
          ),
        ),
      )
      .limit(limit)
      .execute();
  }

  /** Locks the report row, then says whether its warning event exists: two sweepers never both write it. */
  async lockForWarning(exec: Database, id: string, requestId: string) {
    await exec.selectFrom('idv_reports').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const e = await exec
      .selectFrom('file_events')
      .select('id')
      .where('client_request_id', '=', requestId)
      .where('event_id', '=', 305)
      .executeTakeFirst();
    return !e;
  }

  /** Marks a report expired once; true when this call did it. */
  async expireReport(exec: Database, id: string, now: Date): Promise<boolean> {
    const r = await exec
      .updateTable('idv_reports')
      .set({ expired_at: now })
      .where('id', '=', id)
      .where('expired_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  dueAudit(now: Date, limit = 200) {
    return this.db
      .selectFrom('idv_reports')
      .select(['id', 'request_id'])
      .where('audit_purged_at', 'is', null)
      .where('expired_at', 'is not', null)
      .where('audit_until', '<=', now)
      .limit(limit)
      .execute();
  }

  /** The end of the audit period: the report's content and the client's capture are deleted; numbers and dates stay. */
  async purgeAudit(id: string, requestId: string, now: Date) {
    await this.transaction(async (trx: Database) => {
      await trx
        .updateTable('idv_reports')
        .set({ content_enc: null, decision_reason_enc: null, audit_purged_at: now })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('idv_captures').where('request_id', '=', requestId).execute();
    });
  }

  clientState(accountId: string, clientId: string) {
    return this.db
      .selectFrom('idv_clients')
      .select(['verified_at', 'verified_until'])
      .where('account_id', '=', accountId)
      .where('id', '=', clientId)
      .executeTakeFirst();
  }

  clientStates(accountId: string, clientIds: string[]) {
    return this.db
      .selectFrom('idv_clients')
      .select(['id', 'verified_until'])
      .where('account_id', '=', accountId)
      .where('id', 'in', clientIds.length ? clientIds : ['-'])
      .execute();
  }
}
