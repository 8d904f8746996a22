import type { ColumnType } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';
import type { SignInProtocol } from '../domain/sign-in.ts';

type Json<T> = ColumnType<T, string, string>;
type BigId = ColumnType<number | string, number, number>;

/** Kysely's view of migrations/0019_sso.sql. Type aliases: `withTables` wants an implicit index signature. */
type SsoBindingsTable = {
  account_id: string;
  organization_id: BigId;
  protocol: string;
  settings: Json<Record<string, unknown>>;
  client_secret_enc: string | null;
  created_at: ColumnType<Date, Date, Date>;
  updated_at: ColumnType<Date, Date, Date>;
};
type SsoSignInsTable = {
  state_hash: string;
  verification_id: string;
  account_id: string;
  organization_id: ColumnType<number | string | null, number | null, number | null>;
  protocol: string;
  detail_enc: string;
  created_at: ColumnType<Date, Date, Date>;
  expires_at: ColumnType<Date, Date, Date>;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
};
type SsoTables = { sso_bindings: SsoBindingsTable; sso_sign_ins: SsoSignInsTable };

export interface StoredBinding {
  accountId: string;
  organizationId: number;
  protocol: 'oidc' | 'saml';
  settings: Record<string, unknown>;
  clientSecretEnc: string | null;
  created: Date;
  updated: Date;
}

export interface NewSignIn {
  stateHash: string;
  verificationId: string;
  accountId: string;
  organizationId: number | null;
  protocol: SignInProtocol;
  detailEnc: string;
  created: Date;
  expires: Date;
}

export type TakenSignIn = Omit<NewSignIn, 'stateHash' | 'created' | 'expires'>;

const toBinding = (r: {
  account_id: string;
  organization_id: number | string;
  protocol: string;
  settings: Record<string, unknown>;
  client_secret_enc: string | null;
  created_at: Date;
  updated_at: Date;
}): StoredBinding => ({
  accountId: r.account_id,
  organizationId: Number(r.organization_id),
  protocol: r.protocol as StoredBinding['protocol'],
  settings: r.settings,
  clientSecretEnc: r.client_secret_enc,
  created: r.created_at,
  updated: r.updated_at,
});

/** Bindings and begun sign-ins. Binding reads take the account and reach only its rows. */
export class SsoRepository extends Repository {
  private get t() {
    return this.db.withTables<SsoTables>();
  }

  /** Stores the binding, replacing the organization's previous one; whether it is new. */
  async put(b: Omit<StoredBinding, 'created'>): Promise<{ created: boolean; binding: StoredBinding }> {
    const row = await this.t
      .insertInto('sso_bindings')
      .values({
        account_id: b.accountId,
        organization_id: b.organizationId,
        protocol: b.protocol,
        settings: JSON.stringify(b.settings),
        client_secret_enc: b.clientSecretEnc,
        created_at: b.updated,
        updated_at: b.updated,
      })
      .onConflict((oc) =>
        oc.columns(['account_id', 'organization_id']).doUpdateSet({
          protocol: b.protocol,
          settings: JSON.stringify(b.settings),
          client_secret_enc: b.clientSecretEnc,
          updated_at: b.updated,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const binding = toBinding(row);
    return { created: binding.created.getTime() === binding.updated.getTime(), binding };
  }

  async find(accountId: string, organizationId: number): Promise<StoredBinding | null> {
    const row = await this.t
      .selectFrom('sso_bindings')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row ? toBinding(row) : null;
  }

  async exists(accountId: string, organizationId: number): Promise<boolean> {
    const row = await this.t
      .selectFrom('sso_bindings')
      .select('organization_id')
      .where('account_id', '=', accountId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async list(accountId: string): Promise<StoredBinding[]> {
    const rows = await this.t
      .selectFrom('sso_bindings')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('organization_id')
      .execute();
    return rows.map(toBinding);
  }

  async remove(accountId: string, organizationId: number): Promise<boolean> {
    const r = await this.t
      .deleteFrom('sso_bindings')
      .where('account_id', '=', accountId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async begin(s: NewSignIn): Promise<void> {
    await this.t
      .insertInto('sso_sign_ins')
      .values({
        state_hash: s.stateHash,
        verification_id: s.verificationId,
        account_id: s.accountId,
        organization_id: s.organizationId,
        protocol: s.protocol,
        detail_enc: s.detailEnc,
        created_at: s.created,
        expires_at: s.expires,
      })
      .execute();
  }

  /**
   * Takes a sign-in by its state, once: it must be of `protocol`, unused and unexpired. The one update
   * marks it used, so two answers with the same state cannot both be taken.
   */
  async take(stateHash: string, protocol: SignInProtocol, now: Date): Promise<TakenSignIn | null> {
    const row = await this.t
      .updateTable('sso_sign_ins')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('protocol', '=', protocol)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['verification_id', 'account_id', 'organization_id', 'protocol', 'detail_enc'])
      .executeTakeFirst();
    if (!row) return null;
    return {
      verificationId: row.verification_id,
      accountId: row.account_id,
      organizationId: row.organization_id === null ? null : Number(row.organization_id),
      protocol: row.protocol as SignInProtocol,
      detailEnc: row.detail_enc,
    };
  }

  /** Forgets sign-ins that expired before `before`. */
  async purge(before: Date, exec: Database = this.db): Promise<number> {
    const r = await exec.withTables<SsoTables>().deleteFrom('sso_sign_ins').where('expires_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
