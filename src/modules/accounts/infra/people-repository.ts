import { sql } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';
import type { Role } from '../../../shared/principal.ts';

type LinkKind = 'invitation' | 'reset';
type ChallengeKind = 'second-factor' | 'passkey-registration' | 'passkey-sign-in';

/** What may change of a person's credentials; absent fields are left as they are. */
export interface CredentialsPatch {
  password_hash?: string | null;
  password_set_at?: Date | null;
  totp_secret_enc?: string | null;
  totp_pending_enc?: string | null;
  totp_last_step?: number | null;
  last_sign_in_at?: Date | null;
}

const hasAdmin = sql<boolean>`u.roles @> '["ADMIN"]'::jsonb`;

/**
 * The rows of console sign-in (migrations/0024_console_people.sql): credentials beside each user, sessions,
 * mailed links, challenges, passkeys and failed attempts. Reads by a hashed secret find the account from
 * the row; every other read and write takes the account.
 */
export class PeopleRepository extends Repository {
  /** A person with what decides whether and how the person may sign in. */
  private people(exec: Database = this.db) {
    return exec
      .selectFrom('users as u')
      .innerJoin('accounts as a', 'a.id', 'u.account_id')
      .leftJoin('user_credentials as c', 'c.user_id', 'u.id')
      .select((eb) => [
        'u.id',
        'u.account_id',
        'u.email_hash',
        'u.email_enc',
        'u.roles',
        'u.disabled_at',
        'u.created_at',
        'a.name as account_name',
        'a.status as account_status',
        'c.password_hash',
        'c.totp_secret_enc',
        'c.totp_pending_enc',
        'c.totp_last_step',
        'c.last_sign_in_at',
        eb
          .selectFrom('user_passkeys as p')
          .whereRef('p.user_id', '=', 'u.id')
          .select((q) => q.fn.countAll<number>().as('n'))
          .as('passkeys'),
      ]);
  }

  /** Every user, in any account, with this email digest: an email is unique per account only. */
  findByEmailHash(emailHash: string) {
    return this.people().where('u.email_hash', '=', emailHash).orderBy('u.created_at').execute();
  }

  findPerson(accountId: string, userId: string, exec: Database = this.db) {
    return this.people(exec).where('u.account_id', '=', accountId).where('u.id', '=', userId).executeTakeFirst();
  }

  findPersonByEmailHash(accountId: string, emailHash: string, exec: Database = this.db) {
    return this.people(exec).where('u.account_id', '=', accountId).where('u.email_hash', '=', emailHash).executeTakeFirst();
  }

  listPeople(accountId: string) {
    return this.people().where('u.account_id', '=', accountId).orderBy('u.created_at').orderBy('u.id').execute();
  }

  async updateCredentials(accountId: string, userId: string, patch: CredentialsPatch, exec: Database = this.db) {
    await exec
      .insertInto('user_credentials')
      .values({ user_id: userId, account_id: accountId, ...patch })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(patch))
      .execute();
  }

  /** Records `step` as the last TOTP step used, unless that step (or a later one) was used already. */
  async useTotpStep(accountId: string, userId: string, step: number, exec: Database = this.db): Promise<boolean> {
    const r = await exec
      .updateTable('user_credentials')
      .set({ totp_last_step: step })
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async updateRoles(exec: Database, accountId: string, userId: string, roles: readonly Role[]) {
    await exec
      .updateTable('users')
      .set({ roles: JSON.stringify(roles) })
      .where('account_id', '=', accountId)
      .where('id', '=', userId)
      .execute();
  }

  /** Takes the account's row lock: role changes of one account happen one after another. */
  async lockAccount(exec: Database, accountId: string) {
    await exec.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
  }

  async countEnabledAdmins(exec: Database, accountId: string): Promise<number> {
    const row = await exec
      .selectFrom('users as u')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.account_id', '=', accountId)
      .where('u.disabled_at', 'is', null)
      .where(hasAdmin)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertUser(exec: Database, row: { id: string; account_id: string; email_hash: string; email_enc: string; roles: readonly Role[] }) {
    await exec
      .insertInto('users')
      .values({ ...row, roles: JSON.stringify(row.roles) })
      .execute();
  }

  // Sessions

  async insertSession(
    exec: Database,
    row: {
      id: string;
      account_id: string;
      user_id: string;
      token_hash: string;
      csrf_enc: string;
      created_at: Date;
      expires_at: Date;
      ip_hash: string | null;
    },
  ) {
    await exec
      .insertInto('user_sessions')
      .values({ ...row, last_seen_at: row.created_at })
      .execute();
  }

  /** The session with this token hash that has not been ended, with its person's current state. */
  findOpenSession(tokenHash: string) {
    return this.db
      .selectFrom('user_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select([
        's.id',
        's.account_id',
        's.user_id',
        's.csrf_enc',
        's.created_at',
        's.last_seen_at',
        's.expires_at',
        'u.email_enc',
        'u.roles',
        'u.disabled_at',
        'a.status as account_status',
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.ended_at', 'is', null)
      .whereRef('u.account_id', '=', 's.account_id')
      .executeTakeFirst();
  }

  /** Marks the session seen at `now`, unless it was seen after `notBefore` (one write a minute, not one a request). */
  async touchSession(accountId: string, id: string, now: Date, notBefore: Date, ipHash: string | null) {
    await this.db
      .updateTable('user_sessions')
      .set({ last_seen_at: now, ip_hash: ipHash })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('last_seen_at', '<', notBefore)
      .execute();
  }

  /** Ends the open session with this token hash; its account and user, or undefined when there was none. */
  endSessionByHash(tokenHash: string, now: Date) {
    return this.db
      .updateTable('user_sessions')
      .set({ ended_at: now })
      .where('token_hash', '=', tokenHash)
      .where('ended_at', 'is', null)
      .returning(['id', 'account_id', 'user_id'])
      .executeTakeFirst();
  }

  /** Ends every open session of the user but `keepId`; how many it ended. */
  async endUserSessions(
    accountId: string,
    userId: string,
    now: Date,
    keepId: string | null = null,
    exec: Database = this.db,
  ): Promise<number> {
    let q = exec
      .updateTable('user_sessions')
      .set({ ended_at: now })
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null);
    if (keepId) q = q.where('id', '!=', keepId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  // Mailed links

  async insertLink(
    exec: Database,
    row: { id: string; account_id: string; user_id: string; kind: LinkKind; token_hash: string; created_at: Date; expires_at: Date },
  ) {
    await exec.insertInto('user_links').values(row).execute();
  }

  /** Marks the user's unused links of a kind used: a new link replaces those sent before. */
  async retireLinks(exec: Database, accountId: string, userId: string, kind: LinkKind, now: Date) {
    await exec
      .updateTable('user_links')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .execute();
  }

  findLiveLink(tokenHash: string, now: Date) {
    return this.db
      .selectFrom('user_links')
      .select(['id', 'account_id', 'user_id', 'kind', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Uses the link if it is still unused and unexpired; false when another request used it first. */
  async useLink(accountId: string, id: string, now: Date, exec: Database = this.db): Promise<boolean> {
    const r = await exec
      .updateTable('user_links')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // Challenges

  async insertChallenge(row: {
    id: string;
    kind: ChallengeKind;
    account_id: string | null;
    user_id: string | null;
    challenge: string | null;
    created_at: Date;
    expires_at: Date;
  }) {
    await this.db.insertInto('user_challenges').values(row).execute();
  }

  findLiveChallenge(kind: ChallengeKind, id: string, now: Date) {
    return this.db
      .selectFrom('user_challenges')
      .select(['id', 'account_id', 'user_id', 'challenge'])
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Uses the challenge if it is still unused and unexpired; false when it was used first elsewhere. */
  async useChallenge(id: string, now: Date, exec: Database = this.db): Promise<boolean> {
    const r = await exec
      .updateTable('user_challenges')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // Passkeys

  listPasskeys(accountId: string, userId: string) {
    return this.db
      .selectFrom('user_passkeys')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }

  /** Stores a passkey; false when a passkey with this credential id exists already. */
  async insertPasskey(row: {
    id: string;
    account_id: string;
    user_id: string;
    credential_id: string;
    public_key: string;
    counter: number;
    transports: string[] | null;
    created_at: Date;
  }): Promise<boolean> {
    const r = await this.db
      .insertInto('user_passkeys')
      .values({ ...row, transports: row.transports ? JSON.stringify(row.transports) : null })
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  findPasskey(credentialId: string) {
    return this.db.selectFrom('user_passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  }

  async updatePasskeyCounter(accountId: string, id: string, counter: number, now: Date) {
    await this.db
      .updateTable('user_passkeys')
      .set({ counter, last_used_at: now })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }

  // Failed attempts

  /** The times of the key's counted events since `since`. */
  async eventTimes(scope: string, key: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('sign_in_failures')
      .select('at')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('at', '>', since)
      .execute();
    return rows.map((r) => r.at);
  }

  /** Counts one event for each key, and forgets every event older than `forgetBefore`. */
  async countEvents(keys: readonly { scope: string; key: string }[], at: Date, forgetBefore: Date) {
    if (keys.length > 0) {
      await this.db
        .insertInto('sign_in_failures')
        .values(keys.map((k) => ({ scope: k.scope, key: k.key, at })))
        .execute();
    }
    await this.db.deleteFrom('sign_in_failures').where('at', '<', forgetBefore).execute();
  }

  async clearEvents(scope: string, key: string) {
    await this.db.deleteFrom('sign_in_failures').where('scope', '=', scope).where('key', '=', key).execute();
  }

  /**
   * Deletes what can no longer be used: sessions ended or expired, links and challenges used or expired,
   * all before `before`. Returns how many rows went.
   */
  async sweep(before: Date): Promise<number> {
    const counts = await Promise.all([
      this.db
        .deleteFrom('user_sessions')
        .where((eb) => eb.or([eb('ended_at', '<', before), eb('expires_at', '<', before)]))
        .executeTakeFirst(),
      this.db.deleteFrom('user_links').where('expires_at', '<', before).executeTakeFirst(),
      this.db.deleteFrom('user_challenges').where('expires_at', '<', before).executeTakeFirst(),
    ]);
    return counts.reduce((n, r) => n + Number(r.numDeletedRows), 0);
  }
}

export type PersonRow = NonNullable<Awaited<ReturnType<PeopleRepository['findPerson']>>>;
