import type { Selectable } from 'kysely';
import { type Database, type DB, Repository } from '../../../platform/db/index.ts';

// Rows as the store returns them, typed from the schema's tables.
export type FileRow = Selectable<DB['case_files']>;
/** An account's client-request settings, as stored. */
export type SettingsRow = Omit<Selectable<DB['account_settings']>, 'account_id' | 'updated_at'>;
export type RequestRow = Selectable<DB['client_requests']>;
/** A link with the columns read (LINK_COLUMNS): never its token's hash. */
export type LinkRow = Pick<Selectable<DB['request_links']>, (typeof LINK_COLUMNS)[number]>;

const LINK_COLUMNS = [
  'id',
  'request_id',
  'start_date',
  'end_date',
  'status',
  'url_enc',
  'send_mail',
  'mail_sent_at',
  'mail_failed_at',
  'mail_failures',
  'account_id',
] as const;

/** Files, clients, requests, links and events of the client-request API; every lookup carries the account. */
export class ClientRequestsRepository extends Repository {
  async settings(accountId: string, exec: Database = this.db) {
    const row = await exec.selectFrom('account_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return (
      row ?? {
        account_id: accountId,
        link_lifetime_hours: 72,
        report_lifetime_days: 14,
        report_warning_days: 2,
        client_validity_days: 365,
        test_mode: false,
        report_audit_days: 365,
        default_language: 'en',
        time_zone: 'UTC',
        auto_approve_reports: false,
        updated_at: new Date(0),
      }
    );
  }

  async saveSettings(row: SettingsRow & { account_id: string }, now: Date) {
    await this.db
      .insertInto('account_settings')
      .values({ ...row, updated_at: now })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...row, updated_at: now }))
      .execute();
  }

  async insertFile(exec: Database, row: Omit<FileRow, 'closed_status' | 'created_at'>) {
    await exec.insertInto('case_files').values(row).execute();
  }

  findFile(accountId: string, id: string, exec: Database = this.db, lock = false) {
    let q = exec.selectFrom('case_files').selectAll().where('account_id', '=', accountId).where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst() as Promise<FileRow | undefined>;
  }

  findFileByReference(accountId: string, ref: string) {
    return this.db
      .selectFrom('case_files')
      .select('id')
      .where('account_id', '=', accountId)
      .where('requester_reference_id', '=', ref)
      .executeTakeFirst();
  }

  findFileByTransactionKey(key: string) {
    return this.db.selectFrom('case_files').selectAll().where('transaction_key', '=', key).executeTakeFirst() as Promise<
      FileRow | undefined
    >;
  }

  async setClosedStatus(exec: Database, fileId: string, status: 'Cancelled' | 'Closed') {
    await exec.updateTable('case_files').set({ closed_status: status }).where('id', '=', fileId).execute();
  }

  findClientByEmail(exec: Database, accountId: string, emailHash: string) {
    return exec
      .selectFrom('idv_clients')
      .select(['id', 'profile_enc'])
      .where('account_id', '=', accountId)
      .where('email_hash', '=', emailHash)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertClient(exec: Database, row: { id: string; account_id: string; email_hash: string; profile_enc: string }) {
    await exec.insertInto('idv_clients').values(row).execute();
  }

  async updateClient(exec: Database, id: string, emailHash: string, profileEnc: string) {
    await exec.updateTable('idv_clients').set({ email_hash: emailHash, profile_enc: profileEnc }).where('id', '=', id).execute();
  }

  clientsById(accountId: string, ids: string[], exec: Database = this.db) {
    return exec
      .selectFrom('idv_clients')
      .select(['id', 'profile_enc'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids.length ? ids : ['-'])
      .execute();
  }

  async insertRequest(exec: Database, row: Omit<RequestRow, 'replaced_by' | 'version' | 'created_at' | 'updated_at'>) {
    await exec.insertInto('client_requests').values(row).execute();
  }

  findRequest(accountId: string, id: string, exec: Database = this.db, lock = false) {
    let q = exec.selectFrom('client_requests').selectAll().where('account_id', '=', accountId).where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst() as Promise<RequestRow | undefined>;
  }

  requestsOfFile(accountId: string, fileId: string, exec: Database = this.db) {
    return exec
      .selectFrom('client_requests')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('file_id', '=', fileId)
      .orderBy('created_at')
      .orderBy('id')
      .execute() as Promise<RequestRow[]>;
  }

  async setRequest(exec: Database, id: string, fields: { status?: string; replaced_by?: string | null }, now: Date) {
    await exec
      .updateTable('client_requests')
      .set((eb) => ({ ...fields, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async insertLink(
    exec: Database,
    row: {
      account_id: string;
      request_id: string;
      token_hash: string;
      url_enc: string | null;
      start_date: Date;
      end_date: Date;
      send_mail: boolean;
    },
  ) {
    const r = await exec
      .insertInto('request_links')
      .values({ ...row, status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Ends every active link of a request (superseded by a new one, or cancelled with the request). */
  async endActiveLinks(exec: Database, requestId: string, status: 'superseded' | 'cancelled' | 'used') {
    await exec
      .updateTable('request_links')
      .set({ status, url_enc: null })
      .where('request_id', '=', requestId)
      .where('status', '=', 'active')
      .execute();
  }

  linksOf(accountId: string, requestIds: string[], exec: Database = this.db) {
    return exec
      .selectFrom('request_links')
      .select(LINK_COLUMNS)
      .where('account_id', '=', accountId)
      .where('request_id', 'in', requestIds.length ? requestIds : ['-'])
      .orderBy('id')
      .execute() as Promise<LinkRow[]>;
  }

  /** The link of a token (by its hash), in the caller's transaction when there is one. */
  linkByTokenHash(hash: string, exec: Database = this.db) {
    return exec.selectFrom('request_links').select(LINK_COLUMNS).where('token_hash', '=', hash).executeTakeFirst() as Promise<
      LinkRow | undefined
    >;
  }

  findLink(id: number) {
    return this.db.selectFrom('request_links').select(LINK_COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<LinkRow | undefined>;
  }

  /**
   * Claims a link's mail for one sender. A claim older than `staleMs` (a sender that died before it could
   * record the mail as sent) can be taken over; otherwise a second sender gets false and sends nothing.
   */
  async claimMail(id: number, now: Date, staleMs: number): Promise<boolean> {
    const r = await this.db
      .updateTable('request_links')
      .set({ mail_claimed_at: now })
      .where('id', '=', id)
      .where('mail_sent_at', 'is', null)
      .where((eb) => eb.or([eb('mail_claimed_at', 'is', null), eb('mail_claimed_at', '<', new Date(now.getTime() - staleMs))]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async releaseMail(id: number) {
    await this.db
      .updateTable('request_links')
      .set({ mail_claimed_at: null })
      .where('id', '=', id)
      .where('mail_sent_at', 'is', null)
      .execute();
  }

  /**
   * Records that a round of sending a link's mail gave up, `round` being the rounds that had given up
   * before it. The URL is kept, for the next round. True when this call did it: a give-up handler run twice
   * for one round changes nothing the second time, and a mail sent or no longer wanted (URL erased) neither.
   */
  async recordMailFailure(exec: Database, id: number, round: number, now: Date): Promise<boolean> {
    const r = await exec
      .updateTable('request_links')
      .set((eb) => ({ mail_failures: round + 1, mail_failed_at: eb.fn.coalesce('mail_failed_at', eb.val(now)), mail_claimed_at: null }))
      .where('id', '=', id)
      .where('mail_sent_at', 'is', null)
      .where('url_enc', 'is not', null)
      .where('mail_failures', '=', round)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records a link's mail as sent and erases its URL. */
  async markMailed(exec: Database, id: number, now: Date) {
    await exec.updateTable('request_links').set({ mail_sent_at: now, url_enc: null }).where('id', '=', id).execute();
  }

  dueLinks(now: Date, limit = 500) {
    return this.db
      .selectFrom('request_links')
      .innerJoin('client_requests', 'client_requests.id', 'request_links.request_id')
      .select(['request_links.id', 'request_links.account_id', 'client_requests.file_id', 'request_links.request_id'])
      .where('request_links.status', '=', 'active')
      .where('request_links.end_date', '<=', now)
      .limit(limit)
      .execute();
  }

  /** Marks a link expired if it still is active; true when this call did it (so its event is written once). */
  async expireLink(exec: Database, id: number): Promise<boolean> {
    const r = await exec
      .updateTable('request_links')
      .set({ status: 'expired', url_enc: null })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertEvent(
    exec: Database,
    row: { account_id: string; file_id: string; client_request_id: string | null; event_id: number; message: string; created_at: Date },
  ) {
    await exec.insertInto('file_events').values(row).execute();
  }

  events(fileId: string) {
    return this.db
      .selectFrom('file_events')
      .select(['event_id', 'message', 'client_request_id', 'created_at'])
      .where('file_id', '=', fileId)
      .orderBy('id')
      .execute();
  }

  async accountName(accountId: string, exec: Database = this.db) {
    return (await exec.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst())?.name ?? '';
  }
}
