import type { ItemKind } from './queue.ts';

/** How long opening an item holds it for its reviewer; opening it again (or deciding) within that time renews it. */
export const CLAIM_MINUTES = 15;

/** Who holds an item, and until when. */
export interface Claim {
  kind: ItemKind;
  itemId: string;
  userId: string;
  claimedAt: Date;
  expiresAt: Date;
}

export const claimExpiry = (now: Date, minutes = CLAIM_MINUTES) => new Date(now.getTime() + minutes * 60_000);

/** The key a claim is found by in a page's list of claims. */
export const claimKey = (kind: ItemKind, id: string) => `${kind}:${id}`;
