import { Repository } from '../../../platform/db/index.ts';
import type { Role } from '../../../shared/principal.ts';

/** Rows of accounts, users, tokens and OAuth clients. Every read that takes an id also takes the account. */
export class AccountsRepository extends Repository {
  findAccountBySlug(slug: string) {
    return this.db.selectFrom('accounts').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  findAccount(id: string) {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertAccount(row: { id: string; name: string; slug: string }) {
    await this.db.insertInto('accounts').values(row).execute();
  }

  findUserByEmailHash(accountId: string, emailHash: string) {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('email_hash', '=', emailHash)
      .executeTakeFirst();
  }

  async insertUser(row: { id: string; account_id: string; email_hash: string; email_enc: string; roles: Role[] }) {
    await this.db
      .insertInto('users')
      .values({ ...row, roles: JSON.stringify(row.roles) })
      .execute();
  }

  async insertToken(row: {
    id: string;
    account_id: string;
    user_id: string | null;
    client_id: string | null;
    name: string;
    kind: 'static' | 'oauth';
    token_hash: string;
    prefix: string;
    roles: readonly Role[];
    expires_at: Date | null;
    /** The addresses the token is honoured from; null (or absent) for any. */
    allowed_ips?: readonly string[] | null;
  }) {
    await this.db
      .insertInto('api_tokens')
      .values({ ...row, roles: JSON.stringify(row.roles), allowed_ips: row.allowed_ips ? JSON.stringify(row.allowed_ips) : null })
      .execute();
  }

  /**
   * The live token with this hash, if any (not revoked, not expired at `now`), with what may still refuse
   * it: its account's status, whether its user is disabled, and its allow-list of addresses. One query.
   */
  findLiveToken(tokenHash: string, now: Date) {
    return this.db
      .selectFrom('api_tokens as t')
      .innerJoin('accounts as a', 'a.id', 't.account_id')
      .leftJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id',
        't.account_id',
        't.client_id',
        't.roles',
        't.expires_at',
        't.allowed_ips',
        'a.status as account_status',
        'u.disabled_at as user_disabled_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
      .executeTakeFirst();
  }

  listStaticTokens(accountId: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'roles', 'allowed_ips', 'created_at', 'revoked_at'])
      .where('account_id', '=', accountId)
      .where('kind', '=', 'static')
      .orderBy('created_at')
      .execute();
  }

  /** Sets an account's status; false when there is no such account. */
  async setAccountStatus(id: string, status: 'active' | 'suspended'): Promise<boolean> {
    const r = await this.db.updateTable('accounts').set({ status }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Disables (at `disabledAt`) or enables (null) a user of the account; false when the account has no such user. */
  /** Records a token's use (see authenticate.ts: at most once a minute per token and process). */
  async touchToken(id: string, now: Date) {
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async setUserDisabled(accountId: string, userId: string, disabledAt: Date | null): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ disabled_at: disabledAt })
      .where('account_id', '=', accountId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async revokeToken(accountId: string, id: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async revokeTokensNamed(accountId: string, name: string, now: Date) {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .where('kind', '=', 'static')
      .where('revoked_at', 'is', null)
      .execute();
  }

  async insertOauthClient(row: { id: string; account_id: string; name: string; secret_hash: string; roles: Role[] }) {
    await this.db
      .insertInto('oauth_clients')
      .values({ ...row, roles: JSON.stringify(row.roles) })
      .execute();
  }

  findLiveOauthClient(id: string) {
    return this.db.selectFrom('oauth_clients').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  }
}
