import { Repository } from '../../../platform/db/index.ts';

/** A person a program's account remembers (Remember-Me), found by a keyed digest of their email address. */
export interface RememberedConsumer {
  /** The person as last verified, with the step that took it (encrypted). */
  personEnc: string;
  organizationId: number | null;
  organizationName: string | null;
}

/** The people who agreed to be remembered, per account. */
export class ConsumersRepository extends Repository {
  async find(accountId: string, emailDigest: string): Promise<RememberedConsumer | undefined> {
    const r = await this.db
      .selectFrom('remembered_consumers')
      .select(['person_enc', 'organization_id', 'organization_name'])
      .where('account_id', '=', accountId)
      .where('email_digest', '=', emailDigest)
      .executeTakeFirst();
    return r && { personEnc: r.person_enc, organizationId: r.organization_id, organizationName: r.organization_name };
  }

  /** Remembers the person (again: the latest verification replaces what was kept). */
  async remember(accountId: string, emailDigest: string, c: RememberedConsumer & { marketingConsent: boolean }, now: Date) {
    const values = {
      person_enc: c.personEnc,
      organization_id: c.organizationId,
      organization_name: c.organizationName,
      marketing_consent: c.marketingConsent,
      updated_at: now,
    };
    await this.db
      .insertInto('remembered_consumers')
      .values({ account_id: accountId, email_digest: emailDigest, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['account_id', 'email_digest']).doUpdateSet(values))
      .execute();
  }

  async forget(accountId: string, emailDigest: string) {
    await this.db.deleteFrom('remembered_consumers').where('account_id', '=', accountId).where('email_digest', '=', emailDigest).execute();
  }
}
