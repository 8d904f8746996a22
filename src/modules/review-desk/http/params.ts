import { lastValue } from '../../../shared/query-values.ts';
import type { QueueFilter } from '../app/review-queue.ts';
import { type Cursor, decodeCursor, isItemKind } from '../domain/queue.ts';
import { ReviewDeskErrors } from '../error-codes.ts';

const PROGRAM = /^[0-9a-f]{24}$/;
const ITEM_ID = /^[A-Za-z0-9-]{1,64}$/;
export const PHOTO_KINDS = ['front', 'back', 'selfie'] as const;

/** The queue's filter from a query string or a form's hidden fields; a value that is none of the allowed ones is refused. */
export function queueFilter(source: unknown): QueueFilter {
  const program = lastValue(source, 'program');
  const kind = lastValue(source, 'kind');
  if (program && !PROGRAM.test(program)) throw ReviewDeskErrors.badFilter(`'${program.slice(0, 40)}' is not a program id`);
  if (kind && !isItemKind(kind))
    throw ReviewDeskErrors.badFilter(`'${kind.slice(0, 40)}' is not a kind of item: use document or id-report`);
  return { ...(program ? { programId: program } : {}), ...(kind && isItemKind(kind) ? { kind } : {}) };
}

/** Where a queue page starts (`after`), or null for the first page. */
export function queueCursor(source: unknown): Cursor | null {
  const after = lastValue(source, 'after');
  if (!after) return null;
  const cursor = decodeCursor(after);
  if (!cursor) throw ReviewDeskErrors.badFilter('This page link is damaged: start again from the first page');
  return cursor;
}

/** An item's id from the path: anything else is answered as an unknown item. */
export function itemId(params: unknown, name = 'id'): string {
  const id = lastValue(params, name);
  if (!ITEM_ID.test(id)) throw ReviewDeskErrors.unknownItem(id);
  return id;
}
