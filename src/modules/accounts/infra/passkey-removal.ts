import { type Database, Repository } from '../../../platform/db/index.ts';

/** Removes a person's passkeys (an administrator's second-factor reset); the sign-in rows keep everything else. */
export class PasskeyRemoval extends Repository {
  /** Deletes every passkey of the person in this account; how many there were. */
  async removeAll(accountId: string, userId: string, exec: Database = this.db): Promise<number> {
    const rows = await exec
      .deleteFrom('user_passkeys')
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .returning('id')
      .execute();
    return rows.length;
  }
}
