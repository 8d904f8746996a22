import type { ReportsDeps } from './deps.ts';

/**
 * Ends a pending report that cannot be made: ERROR (the dialect's status for it) with the reason, which
 * the status and download answers show. A report already complete or failed is left as it is.
 */
export async function failReport(deps: ReportsDeps, reportId: string, reason: string) {
  await deps.repo.fail(reportId, reason, deps.clock.now());
}
