import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
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

  /**
   * Appends entries in one statement. An entry without an account gets the account of the first of its
   * lookups that finds one (a sub-select per lookup, in the same statement); one that finds none is not
   * written: no account could ever read it.
   */
  async appendResolving(entries: { row: NewAuditRow; lookups: { kind: AccountLookup; id: string }[] }[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(({ row, lookups }) => {
      const account = row.account_id
        ? sql`${row.account_id}::text`
        : lookups.length
          ? sql`coalesce(${sql.join(lookups.map((l) => accountOf(l.kind, l.id)))})`
          : sql`null::text`;
      return sql`(${account}, ${row.actor_type}::text, ${row.actor_id ?? null}::text, ${row.action}::text, ${row.subject_type ?? null}::text,
        ${row.subject_id ?? null}::text, ${row.outcome}::int, ${row.method}::text, ${row.route}::text, ${row.ip_hash ?? null}::text,
        ${row.user_agent ?? null}::text, ${row.request_id ?? null}::text, ${row.at ?? new Date()}::timestamptz)`;
    });
    await sql`insert into audit_log (account_id, actor_type, actor_id, action, subject_type, subject_id, outcome, method, route, ip_hash, user_agent, request_id, at)
      select * from (values ${sql.join(rows)}) as e(account_id, actor_type, actor_id, action, subject_type, subject_id, outcome, method, route, ip_hash, user_agent, request_id, at)
      where e.account_id is not null`.execute(this.db);
  }
}

/** The sub-select that finds the account owning what an anonymous caller reached. */
function accountOf(kind: AccountLookup, key: string): RawBuilder<string> {
  switch (kind) {
    case 'verification':
      return sql`(select account_id from verifications where id = ${key})`;
    case 'document':
      return sql`(select account_id from documents where id = ${key})`;
    case 'oauth-client':
      return sql`(select account_id from oauth_clients where id = ${key})`;
    case 'link':
      return sql`(select account_id from request_links where token_hash = ${key})`;
    case 'upload':
      return sql`(select account_id from documents where upload_token_hash = ${key} limit 1)`;
    case 'transaction-key':
      return sql`(select account_id from case_files where transaction_key = ${key} limit 1)`;
  }
}
