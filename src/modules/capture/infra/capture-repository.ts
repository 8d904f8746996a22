import type { Selectable } from 'kysely';
import { type Database, type DB, Repository } from '../../../platform/db/index.ts';

export type ImageRow = Selectable<DB['idv_capture_images']>;

/**
 * What the client entered at the link, and their photos. Every query that takes an id also checks the
 * account, except `sharedDigests` (cross-account on purpose, see there) and those of the report sweep
 * (`abandonedImages`, `markImagePurged`), which work over every account with ids from their own queries.
 */
export class CaptureRepository extends Repository {
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
}
