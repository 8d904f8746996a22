import type { Database } from '../../../platform/db/index.ts';

export type ImageRow = {
  id: number;
  account_id: string;
  request_id: string;
  client_id: string;
  kind: string;
  blob_key: string | null;
  content_digest: string;
  mime_type: string;
  file_size: number;
  width: number;
  height: number;
  created_at: Date;
  purged_at: Date | null;
};
export type ReportRow = {
  id: string;
  account_id: string;
  file_id: string;
  request_id: string;
  client_id: string;
  report_number: string;
  identity_result: string;
  fraud_result: string;
  content_enc: string | null;
  sample: boolean;
  review_status_date: Date;
  expiry_date: Date;
  warning_date: Date;
  audit_until: Date;
  expired_at: Date | null;
  audit_purged_at: Date | null;
  decision: string | null;
  decision_reason_enc: string | null;
  decided_at: Date | null;
  created_at: Date;
};

/**
 * Captures, their images and the reports built from them. Every query that takes an id also checks the
 * account, except `sharedDigests` (cross-account on purpose, see there) and the scheduler's sweep
 * (`due*`, `lockForWarning`, `expireReport`, `abandonedImages`, `markImagePurged`, `purgeAudit`), which
 * works over every account with ids from its own queries.
 */
export class CaptureRepository {
  constructor(readonly db: Database) {}

  async capture(accountId: string, requestId: string, exec: Database = this.db) {
    return exec
      .selectFrom('idv_captures')
      .select(['data_enc'])
      .where('account_id', '=', accountId)
      .where('request_id', '=', requestId)
      .executeTakeFirst();
  }

  async saveCapture(exec: Database, row: { request_id: string; account_id: string; data_enc: string }, now: Date) {
    await exec
      .insertInto('idv_captures')
      .values({ ...row, updated_at: now })
      .onConflict((oc) => oc.column('request_id').doUpdateSet({ data_enc: row.data_enc, updated_at: now }))
      .execute();
  }

  images(accountId: string, requestId: string, exec: Database = this.db) {
    return exec
      .selectFrom('idv_capture_images')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute() as Promise<ImageRow[]>;
  }

  /** Replaces the request's image of one kind; answers the blob key it replaced, to delete after commit. */
  async putImage(exec: Database, row: Omit<ImageRow, 'id' | 'created_at' | 'purged_at'>, now: Date): Promise<string | null> {
    const old = await exec
      .selectFrom('idv_capture_images')
      .select(['id', 'blob_key'])
      .where('account_id', '=', row.account_id)
      .where('request_id', '=', row.request_id)
      .where('kind', '=', row.kind)
      .forUpdate()
      .executeTakeFirst();
    if (old) await exec.deleteFrom('idv_capture_images').where('id', '=', old.id).execute();
    await exec
      .insertInto('idv_capture_images')
      .values({ ...row, created_at: now })
      .execute();
    return old?.blob_key ?? null;
  }

  /**
   * Kinds of this request's images whose file was also sent for another client, in any account: on
   * purpose, since an ID photo sent to two organizations is a fraud signal. Only the kinds of this
   * request are answered, never the other row, its client or its account.
   */
  async sharedDigests(requestId: string, clientId: string, exec: Database = this.db) {
    return exec
      .selectFrom('idv_capture_images as mine')
      .innerJoin('idv_capture_images as other', 'other.content_digest', 'mine.content_digest')
      .select('mine.kind')
      .distinct()
      .where('mine.request_id', '=', requestId)
      .where('other.client_id', '!=', clientId)
      .execute();
  }

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

  async markImagesPurged(exec: Database, accountId: string, requestId: string, now: Date) {
    await exec
      .updateTable('idv_capture_images')
      .set({ blob_key: null, purged_at: now })
      .where('account_id', '=', accountId)
      .where('request_id', '=', requestId)
      .execute();
  }

  /** Photos of requests cancelled (or replaced) before their client submitted: no report will ever need them. */
  abandonedImages(limit = 200) {
    return this.db
      .selectFrom('idv_capture_images as i')
      .innerJoin('client_requests as r', 'r.id', 'i.request_id')
      .leftJoin('idv_reports as rep', 'rep.request_id', 'i.request_id')
      .select(['i.id', 'i.blob_key'])
      .where('i.blob_key', 'is not', null)
      .where('r.status', '=', 'Cancelled')
      .where('rep.id', 'is', null)
      .limit(limit)
      .execute();
  }

  async markImagePurged(id: number, now: Date) {
    await this.db.updateTable('idv_capture_images').set({ blob_key: null, purged_at: now }).where('id', '=', id).execute();
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
    await this.db.transaction().execute(async (trx: Database) => {
      await trx
        .updateTable('idv_reports')
        .set({ content_enc: null, decision_reason_enc: null, audit_purged_at: now })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('idv_captures').where('request_id', '=', requestId).execute();
    });
  }

  async useLink(exec: Database, accountId: string, linkId: number): Promise<boolean> {
    const r = await exec
      .updateTable('request_links')
      .set({ status: 'used', url_enc: null })
      .where('account_id', '=', accountId)
      .where('id', '=', linkId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
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
