import type { Database } from '../../../platform/db/index.ts';
import type { Role } from '../../../shared/principal.ts';

/** Rows of accounts, users, tokens and OAuth clients. Every read that takes an id also takes the account. */
export class AccountsRepository {
  constructor(private readonly db: Database) {}

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
  }) {
    await this.db
      .insertInto('api_tokens')
      .values({ ...row, roles: JSON.stringify(row.roles) })
      .execute();
  }

  /** The live token with this hash, if any: not revoked, not expired at `now`. */
  findLiveToken(tokenHash: string, now: Date) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'account_id', 'client_id', 'roles', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
  }

  listStaticTokens(accountId: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'roles', 'created_at', 'revoked_at'])
      .where('account_id', '=', accountId)
      .where('kind', '=', 'static')
      .orderBy('created_at')
      .execute();
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
