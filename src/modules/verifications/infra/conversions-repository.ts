import { Repository } from '../../../platform/db/repository.ts';

export interface ConversionRecord {
  id: string;
  accountId: string;
  verificationId: string;
  amount: number;
  currency: string;
  tags: string[];
}

/** Conversions reported for verifications, and the lookup of a verification by an account's tracking id. */
export class ConversionsRepository extends Repository {
  async record(c: ConversionRecord, at: Date): Promise<void> {
    await this.db
      .insertInto('conversions')
      .values({
        id: c.id,
        account_id: c.accountId,
        verification_id: c.verificationId,
        amount: c.amount,
        currency: c.currency,
        tags: JSON.stringify(c.tags),
        created_at: at,
      })
      .execute();
  }

  /** The account's latest verification carrying that tracking id, if any. */
  async latestByTrackingId(accountId: string, trackingId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('verifications')
      .select('id')
      .where('account_id', '=', accountId)
      .where('tracking_id', '=', trackingId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /** A verification's conversions, oldest first. */
  async ofVerification(accountId: string, verificationId: string) {
    const rows = await this.db
      .selectFrom('conversions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('verification_id', '=', verificationId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      amount: Number(r.amount),
      currency: r.currency,
      tags: JSON.parse(r.tags) as string[],
      created: new Date(r.created_at).getTime(),
    }));
  }
}
