import type { Insertable, Selectable } from 'kysely';
import { Repository } from '../../../platform/db/index.ts';
import type { AuditLogTable } from '../../../platform/db/schema.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;

/** What an anonymous request's account can be learnt from. */
export type AccountLookup = 'verification' | 'document' | 'oauth-client' | 'link' | 'upload' | 'transaction-key';

export interface AuditQuery {
  accountId: string;
  from?: Date;
  to?: Date;
  action?: string;
  subjectId?: string;
  actorId?: string;
  /** Entries older than this id (the previous page's cursor). */
  before?: number;
  limit: number;
}

/**
 * The audit log's store. Append-only: this repository has no update or delete, and the table refuses
 * both by trigger. It reads a few other tables only to learn which account an anonymous request touched.
 */
export class AuditRepository extends Repository {
  async appendMany(rows: NewAuditRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insertInto('audit_log').values(rows).execute();
  }

  async list(q: AuditQuery): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll().where('account_id', '=', q.accountId);
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', q.to);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.before !== undefined) query = query.where('id', '<', q.before);
    return query.orderBy('id', 'desc').limit(q.limit).execute();
  }

  /** The accounts owning subjects an anonymous caller reached (end users, links, credential exchanges), by key. */
  async accountsOf(kind: AccountLookup, keys: string[]): Promise<Map<string, string>> {
    const db = this.db;
    const rows = await (() => {
      switch (kind) {
        case 'verification':
          return db.selectFrom('verifications').select(['id as key', 'account_id']).where('id', 'in', keys).execute();
        case 'document':
          return db.selectFrom('documents').select(['id as key', 'account_id']).where('id', 'in', keys).execute();
        case 'oauth-client':
          return db.selectFrom('oauth_clients').select(['id as key', 'account_id']).where('id', 'in', keys).execute();
        case 'link':
          return db.selectFrom('request_links').select(['token_hash as key', 'account_id']).where('token_hash', 'in', keys).execute();
        case 'upload':
          return db
            .selectFrom('documents')
            .select(['upload_token_hash as key', 'account_id'])
            .where('upload_token_hash', 'in', keys)
            .execute();
        case 'transaction-key':
          return db
            .selectFrom('case_files')
            .select(['transaction_key as key', 'account_id'])
            .where('transaction_key', 'in', keys)
            .execute();
      }
    })();
    return new Map(rows.map((r) => [String(r.key), r.account_id]));
  }
}
