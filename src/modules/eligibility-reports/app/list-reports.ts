import type { ReportListQueries } from '../infra/report-list.ts';
import type { ReportsDeps } from './deps.ts';
import { presentReport } from './request-report.ts';

/** A report as a list shows it: its status object (as the API's), what it covers, and when it ended. */
export type ListedReport = ReturnType<typeof presentReport> & {
  kind: 'reverify' | 'verification';
  batchId: string | null;
  /** The range of a verification report (ISO instants), as stored when it was requested. */
  range: { start: string; end: string } | null;
  /** LIVE, TEST or ALL, for a verification report. */
  mode: string | null;
  programIds: string[] | null;
  completed: Date | null;
};

/** The account's latest reports (of one batch, when given), newest first. */
export async function listReports(
  deps: ReportsDeps,
  queries: ReportListQueries,
  accountId: string,
  filter: { batchId?: string; limit?: number } = {},
): Promise<ListedReport[]> {
  const rows = await queries.list(accountId, { batchId: filter.batchId, limit: filter.limit ?? 50 });
  return rows.map((r) => {
    const p = (r.params ?? {}) as Record<string, unknown>;
    return {
      ...presentReport(deps, r),
      kind: r.kind as 'reverify' | 'verification',
      batchId: r.batch_id,
      range: typeof p.start === 'string' && typeof p.end === 'string' ? { start: p.start, end: p.end } : null,
      mode: typeof p.mode === 'string' ? p.mode : null,
      programIds: Array.isArray(p.programIds) ? (p.programIds as string[]) : null,
      completed: r.completed_at,
    };
  });
}
