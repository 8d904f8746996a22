import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { AuditLogTable } from '../../../platform/db/schema.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;

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
export class AuditRepository {
  constructor(readonly db: Database) {}

  async append(row: NewAuditRow): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
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

  /** The account owning a subject an anonymous caller reached (end users, links, credential exchanges). */
  async accountOf(kind: 'verification' | 'document' | 'oauth-client' | 'link' | 'upload', id: string): Promise<string | null> {
    const one = async (p: Promise<{ account_id: string } | undefined>) => (await p)?.account_id ?? null;
    switch (kind) {
      case 'verification':
        return one(this.db.selectFrom('verifications').select('account_id').where('id', '=', id).executeTakeFirst());
      case 'document':
        return one(this.db.selectFrom('documents').select('account_id').where('id', '=', id).executeTakeFirst());
      case 'oauth-client':
        return one(this.db.selectFrom('oauth_clients').select('account_id').where('id', '=', id).executeTakeFirst());
      case 'link':
        return one(this.db.selectFrom('request_links').select('account_id').where('token_hash', '=', id).executeTakeFirst());
      case 'upload':
        return one(this.db.selectFrom('documents').select('account_id').where('upload_token_hash', '=', id).executeTakeFirst());
    }
  }
}
