import { Repository } from '../../../platform/db/index.ts';
import type { Role } from '../../../shared/principal.ts';

export interface OauthClientRow {
  id: string;
  name: string;
  roles: Role[];
  created_at: Date;
  revoked_at: Date | null;
}

/** What the console lists of an account's credentials beyond issuing them: OAuth clients, and when tokens were last used. */
export class CredentialsRepository extends Repository {
  listOauthClients(accountId: string) {
    return this.db
      .selectFrom('oauth_clients')
      .select(['id', 'name', 'roles', 'created_at', 'revoked_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .orderBy('id')
      .execute() as Promise<OauthClientRow[]>;
  }

  /**
   * Revokes a live client of the account and the access tokens it was given, together: a revoked client's
   * tokens would otherwise stay good until they expire. False when the account has no such live client.
   */
  revokeOauthClient(accountId: string, id: string, now: Date): Promise<boolean> {
    return this.transaction(async (trx) => {
      const r = await trx
        .updateTable('oauth_clients')
        .set({ revoked_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('account_id', '=', accountId)
        .where('client_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      return true;
    });
  }

  /** When each static token of the account was last used (tokens never used are left out). */
  async tokensLastUsed(accountId: string): Promise<Map<string, Date>> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'last_used_at'])
      .where('account_id', '=', accountId)
      .where('kind', '=', 'static')
      .where('last_used_at', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.id, r.last_used_at as Date]));
  }
}
