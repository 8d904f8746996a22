/**
 * The review queue as one list over two sources: eligibility document reviews (verifications pending
 * review) and client ID reports awaiting review. Ordered by (waiting since, kind, id), read by keyset: each
 * source gives its next rows from the cursor, and the two sorted lists are merged. Pure: no I/O.
 */

/** The kinds of item, in the order they sort at the same instant. */
export const ITEM_KINDS = ['document', 'id-report'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const isItemKind = (v: unknown): v is ItemKind => typeof v === 'string' && (ITEM_KINDS as readonly string[]).includes(v);

export const KIND_LABELS: Record<ItemKind, string> = { document: 'Document review', 'id-report': 'Client ID report' };

/** One waiting item, as each source gives it (no personal data). */
export interface QueueItem {
  kind: ItemKind;
  id: string;
  since: Date;
  programId: string | null;
  /** The attempt under review (document reviews); null where the source has none. */
  attempt: number | null;
  testMode: boolean;
}

/** Where a page starts: just after this item. */
export interface Cursor {
  at: Date;
  kind: ItemKind;
  id: string;
}

/** The bound a source of `kind` reads from, for a page that starts after `cursor`. */
export function boundFor(kind: ItemKind, cursor: Cursor | null): { at: Date; id?: string; inclusive?: boolean } | undefined {
  if (!cursor) return undefined;
  const order = ITEM_KINDS.indexOf(kind) - ITEM_KINDS.indexOf(cursor.kind);
  // Same kind: after the cursor's row; a kind sorting after it: from the cursor's instant; before it: after that instant.
  if (order === 0) return { at: cursor.at, id: cursor.id };
  return { at: cursor.at, inclusive: order > 0 };
}

const compare = (a: QueueItem, b: QueueItem) =>
  a.since.getTime() - b.since.getTime() || ITEM_KINDS.indexOf(a.kind) - ITEM_KINDS.indexOf(b.kind);

/**
 * The first `limit` items of sources already sorted, merged; `more` when any item is left over (each source
 * is asked for `limit + 1`). Items of one kind keep their source's order (ids compare in the store's collation).
 */
export function mergePage(sources: QueueItem[][], limit: number): { items: QueueItem[]; more: boolean } {
  const heads = sources.map(() => 0);
  const items: QueueItem[] = [];
  for (;;) {
    let best = -1;
    for (let s = 0; s < sources.length; s++) {
      const item = sources[s][heads[s]];
      if (item && (best < 0 || compare(item, sources[best][heads[best]]) < 0)) best = s;
    }
    if (best < 0) return { items, more: false };
    if (items.length === limit) return { items, more: true };
    items.push(sources[best][heads[best]++]);
  }
}

const CURSOR = /^(\d{1,15})\.(document|id-report)\.([A-Za-z0-9-]{1,64})$/;

export const encodeCursor = (item: QueueItem): string => `${item.since.getTime()}.${item.kind}.${item.id}`;

/** The cursor a link carries, or null when it is not one (the caller refuses it). */
export function decodeCursor(text: string): Cursor | null {
  const m = CURSOR.exec(text);
  if (!m) return null;
  return { at: new Date(Number(m[1])), kind: m[2] as ItemKind, id: m[3] };
}

/** A program's promised review time (`maxReviewTime`), in milliseconds. */
const REVIEW_TIMES: Record<string, number> = {
  '2_MIN': 2 * 60_000,
  '20_MIN': 20 * 60_000,
  '2_HRS': 2 * 3_600_000,
  '24_HRS': 24 * 3_600_000,
  '2_DAY': 2 * 86_400_000,
  '3_DAY': 3 * 86_400_000,
};
export const reviewTimeMs = (maxReviewTime: string | undefined): number | null =>
  maxReviewTime ? (REVIEW_TIMES[maxReviewTime] ?? null) : null;

/** Whether an item has waited past its program's review time. */
export const isLate = (since: Date, reviewMs: number | null, now: Date) => reviewMs !== null && now.getTime() - since.getTime() > reviewMs;

/** How long something has waited, in words a table cell holds: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function waited(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
