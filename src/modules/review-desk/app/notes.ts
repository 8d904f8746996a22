import type { ItemKind } from '../domain/queue.ts';
import type { ReviewDeskDeps } from './deps.ts';

/** The notes reviewers left with their decisions on an item, oldest first, each with its author's email. */
export async function reviewNotes(deps: Pick<ReviewDeskDeps, 'claims' | 'box' | 'people'>, accountId: string, kind: ItemKind, id: string) {
  const rows = await deps.claims.notes(accountId, kind, id);
  if (rows.length === 0) return [];
  const names = await deps.people(accountId, [...new Set(rows.map((r) => r.user_id))]);
  return rows.map((r) => ({
    attempt: r.attempt,
    decision: r.decision,
    note: deps.box.decrypt(r.note_enc),
    by: names.get(r.user_id) ?? 'a former reviewer',
    at: r.created_at,
  }));
}
