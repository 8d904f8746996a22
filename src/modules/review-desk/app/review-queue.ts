import { type Claim, claimKey } from '../domain/claims.ts';
import { boundFor, type Cursor, encodeCursor, isLate, type ItemKind, mergePage, type QueueItem, reviewTimeMs } from '../domain/queue.ts';
import type { ProgramSummary, ReviewDeskDeps } from './deps.ts';

export const PAGE_SIZE = 50;

export interface QueueFilter {
  programId?: string;
  kind?: ItemKind;
}

/** The items of one page after `cursor`, both sources merged; nothing is read beyond `limit + 1` rows of each. */
export async function mergedPage(deps: ReviewDeskDeps, accountId: string, filter: QueueFilter, cursor: Cursor | null, limit: number) {
  const wantDocuments = filter.kind !== 'id-report';
  // Client ID reports belong to no program: a program filter leaves them out.
  const wantReports = filter.kind !== 'document' && !filter.programId;
  const documents: QueueItem[] = wantDocuments
    ? (
        await deps.documentReviews.page(accountId, { programId: filter.programId, after: boundFor('document', cursor), limit: limit + 1 })
      ).map((r) => ({
        kind: 'document',
        id: r.id,
        since: r.pending_since,
        programId: r.program_id,
        attempt: r.doc_attempts,
        testMode: r.test_mode,
      }))
    : [];
  const reports: QueueItem[] = wantReports
    ? (await deps.idReports.page(accountId, { after: boundFor('id-report', cursor), limit: limit + 1 })).map((r) => ({
        kind: 'id-report',
        id: r.request_id,
        since: r.review_status_date,
        programId: null,
        attempt: null,
        testMode: r.sample,
      }))
    : [];
  return mergePage([documents, reports], limit);
}

/** The live claims on a page's items, by `claimKey`. */
export async function claimsOf(deps: ReviewDeskDeps, accountId: string, items: QueueItem[], now: Date): Promise<Map<string, Claim>> {
  const claims = new Map<string, Claim>();
  for (const kind of ['document', 'id-report'] as const) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
    for (const c of await deps.claims.live(accountId, kind, ids, now)) claims.set(claimKey(c.kind, c.itemId), c);
  }
  return claims;
}

/**
 * One page of the review queue, oldest first: each item with its program, whether it is late (waiting past
 * its program's review time), and who holds it; with the counts of what waits (per kind and per program)
 * and the cursor of the next page.
 */
export async function reviewQueue(deps: ReviewDeskDeps, accountId: string, filter: QueueFilter & { cursor: Cursor | null }) {
  const now = deps.clock.now();
  const programs = await deps.programs(accountId);
  const byId = new Map<string, ProgramSummary>(programs.map((p) => [p.id, p]));
  const page = await mergedPage(deps, accountId, filter, filter.cursor, PAGE_SIZE);
  const claims = await claimsOf(deps, accountId, page.items, now);
  const holders = await deps.people(accountId, [...new Set([...claims.values()].map((c) => c.userId))]);
  const perProgram = await deps.documentReviews.counts(accountId);
  const reports = await deps.idReports.count(accountId);
  const documents = [...perProgram.values()].reduce((a, b) => a + b, 0);
  const documentsShown = filter.kind === 'id-report' ? 0 : filter.programId ? (perProgram.get(filter.programId) ?? 0) : documents;
  const reportsShown = filter.kind === 'document' || filter.programId ? 0 : reports;
  const shown = documentsShown + reportsShown;
  return {
    now,
    programs,
    counts: { documents, reports, perProgram, shown },
    more: page.more,
    nextCursor: page.more ? encodeCursor(page.items[page.items.length - 1]) : null,
    items: page.items.map((item) => {
      const program = item.programId ? byId.get(item.programId) : undefined;
      const claim = claims.get(claimKey(item.kind, item.id));
      return {
        ...item,
        programName: program?.name ?? null,
        late: program ? isLate(item.since, reviewTimeMs(program.maxReviewTime), now) : false,
        claim: claim ? { userId: claim.userId, holder: holders.get(claim.userId) ?? 'another reviewer', until: claim.expiresAt } : null,
      };
    }),
  };
}

/**
 * The oldest item no one else holds (the person's own claims count as free), under the same filter: what
 * opens after a decision. Reads page by page; claims are few (one or two per reviewer), so this stops at once.
 */
export async function nextUnclaimed(deps: ReviewDeskDeps, accountId: string, userId: string, filter: QueueFilter) {
  let cursor: Cursor | null = null;
  for (let round = 0; round < 20; round++) {
    const page = await mergedPage(deps, accountId, filter, cursor, PAGE_SIZE);
    const claims = await claimsOf(deps, accountId, page.items, deps.clock.now());
    const free = page.items.find((i) => {
      const c = claims.get(claimKey(i.kind, i.id));
      return !c || c.userId === userId;
    });
    if (free) return { kind: free.kind, id: free.id };
    if (!page.more) return null;
    const last = page.items[page.items.length - 1];
    cursor = { at: last.since, kind: last.kind, id: last.id };
  }
  return null;
}
