import { sql } from 'kysely';
import { Repository } from '../../../platform/db/index.ts';
import type { Claim } from '../domain/claims.ts';
import type { ItemKind } from '../domain/queue.ts';

const toClaim = (r: { item_kind: ItemKind; item_id: string; user_id: string; claimed_at: Date; expires_at: Date }): Claim => ({
  kind: r.item_kind,
  itemId: r.item_id,
  userId: r.user_id,
  claimedAt: r.claimed_at,
  expiresAt: r.expires_at,
});

/** The review desk's rows (migrations/0025_review_claims.sql): who holds which item, and the notes left with decisions. */
export class ClaimsRepository extends Repository {
  /**
   * Takes the item for `userId` until `expiresAt`, in one statement: a new claim, or one over an expired
   * claim or the same person's (renewed). Null when someone else holds it: the row is left as it was.
   */
  async claim(accountId: string, kind: ItemKind, itemId: string, userId: string, now: Date, expiresAt: Date): Promise<Claim | null> {
    const row = await this.db
      .insertInto('review_claims')
      .values({ account_id: accountId, item_kind: kind, item_id: itemId, user_id: userId, claimed_at: now, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'item_kind', 'item_id'])
          .doUpdateSet({
            user_id: (eb) => eb.ref('excluded.user_id'),
            // A renewal keeps when the person first took it.
            claimed_at: sql<Date>`case when review_claims.user_id = excluded.user_id and review_claims.expires_at > excluded.claimed_at then review_claims.claimed_at else excluded.claimed_at end`,
            expires_at: (eb) => eb.ref('excluded.expires_at'),
          })
          .where((eb) => eb.or([eb('review_claims.expires_at', '<=', now), eb('review_claims.user_id', '=', userId)])),
      )
      .returning(['item_kind', 'item_id', 'user_id', 'claimed_at', 'expires_at'])
      .executeTakeFirst();
    return row ? toClaim(row) : null;
  }

  /** The live claim on an item, if any. */
  async find(accountId: string, kind: ItemKind, itemId: string, now: Date): Promise<Claim | null> {
    const row = await this.db
      .selectFrom('review_claims')
      .select(['item_kind', 'item_id', 'user_id', 'claimed_at', 'expires_at'])
      .where('account_id', '=', accountId)
      .where('item_kind', '=', kind)
      .where('item_id', '=', itemId)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? toClaim(row) : null;
  }

  /** The live claims on some items of one kind (a queue page's). */
  async live(accountId: string, kind: ItemKind, itemIds: string[], now: Date): Promise<Claim[]> {
    if (itemIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('review_claims')
      .select(['item_kind', 'item_id', 'user_id', 'claimed_at', 'expires_at'])
      .where('account_id', '=', accountId)
      .where('item_kind', '=', kind)
      .where('item_id', 'in', itemIds)
      .where('expires_at', '>', now)
      .execute();
    return rows.map(toClaim);
  }

  /** Ends the person's claim on an item (after a decision, or when they let it go). */
  async release(accountId: string, kind: ItemKind, itemId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('review_claims')
      .where('account_id', '=', accountId)
      .where('item_kind', '=', kind)
      .where('item_id', '=', itemId)
      .where('user_id', '=', userId)
      .execute();
  }

  async addNote(row: {
    account_id: string;
    item_kind: ItemKind;
    item_id: string;
    attempt: number;
    user_id: string;
    decision: 'APPROVE' | 'REJECT';
    note_enc: string;
    created_at: Date;
  }): Promise<void> {
    await this.db.insertInto('review_notes').values(row).execute();
  }

  /** The notes left on an item, oldest first. */
  notes(accountId: string, kind: ItemKind, itemId: string) {
    return this.db
      .selectFrom('review_notes')
      .select(['attempt', 'user_id', 'decision', 'note_enc', 'created_at'])
      .where('account_id', '=', accountId)
      .where('item_kind', '=', kind)
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute();
  }
}
