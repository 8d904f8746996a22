import type { Principal } from '../../../shared/principal.ts';
import { idsFromCsv } from '../domain/id-list.ts';
import { BulkConsoleErrors } from '../error-codes.ts';
import type { BulkConsoleDeps } from './deps.ts';

/**
 * Starts a re-verification batch from a CSV of ids, through the reverification module's own use case,
 * and asks at once for its report (the eligibility-reports module prepares it when the batch ends), so
 * the batch's page offers the download as soon as there is one. A CSV that cannot be used starts nothing.
 */
export async function startBatch(deps: BulkConsoleDeps, principal: Principal, input: { programId: string; csv: string }) {
  if (input.programId === '') throw BulkConsoleErrors.noProgram();
  const list = idsFromCsv(input.csv, deps.maxBatch);
  if (!list.ok) throw BulkConsoleErrors.badCsv(list.problem);
  const { batchId } = await deps.batches.start(principal, { programId: input.programId, verificationIds: list.ids });
  const report = await deps.reports.forBatch(principal, batchId);
  return { batchId, reportId: report.id, count: list.ids.length };
}
