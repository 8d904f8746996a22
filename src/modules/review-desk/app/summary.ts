import { reviewTimeMs } from '../domain/queue.ts';
import type { ReviewDeskDeps } from './deps.ts';

/**
 * What waits for review in the account, for the overview: how many items (documents and client reports),
 * how many documents have waited past their program's review time, and since when the oldest item waits.
 */
export async function reviewSummary(deps: ReviewDeskDeps, accountId: string) {
  const now = deps.clock.now();
  const cutoffs = (await deps.programs(accountId)).flatMap((p) => {
    const ms = reviewTimeMs(p.maxReviewTime);
    return ms === null ? [] : [{ programId: p.id, before: new Date(now.getTime() - ms) }];
  });
  const perProgram = await deps.documentReviews.counts(accountId);
  const reports = await deps.idReports.count(accountId);
  const late = await deps.documentReviews.late(accountId, cutoffs);
  const [firstDocument] = await deps.documentReviews.page(accountId, { limit: 1 });
  const [firstReport] = await deps.idReports.page(accountId, { limit: 1 });
  const since = [firstDocument?.pending_since, firstReport?.review_status_date].filter((d): d is Date => d instanceof Date);
  return {
    waiting: [...perProgram.values()].reduce((a, b) => a + b, 0) + reports,
    late,
    oldestSince: since.length ? new Date(Math.min(...since.map((d) => d.getTime()))) : null,
  };
}
