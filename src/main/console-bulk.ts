import { createBulkConsoleModule } from '../modules/bulk-console/index.ts';
import {
  FIXED_COLUMNS,
  PII_COLUMNS,
  listReports,
  openReport,
  ReportListQueries,
  reportStatus,
  requestReverifyReport,
  requestVerificationReport,
} from '../modules/eligibility-reports/index.ts';
import { BatchListQueries, batchStatus, createBatch, listBatches, MAX_BATCH } from '../modules/reverification/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/** The console's bulk pages, wired from the container's parts: the reverification and report modules' own use cases. */
export function consoleBulkModules(parts: ConsoleParts): VouchModule[] {
  const { reverify, reports } = parts;
  const batchList = new BatchListQueries(parts.db);
  const reportList = new ReportListQueries(parts.db);
  return [
    createBulkConsoleModule({
      clock: parts.clock,
      maxBatch: MAX_BATCH,
      programs: async (accountId) =>
        (await parts.programs.repo.list(accountId)).map((p) => ({ id: p.id, name: p.name, testMode: p.testMode })),
      batches: {
        start: (principal, input) => createBatch(reverify, principal, input),
        status: (principal, batchId) => batchStatus(reverify, principal, batchId),
        list: (accountId) => listBatches(batchList, accountId),
        programOf: async (accountId, batchId) => (await reverify.repo.find(accountId, batchId))?.program_id ?? null,
      },
      reports: {
        forBatch: (principal, batchId) => requestReverifyReport(reports, principal, batchId),
        forVerifications: (principal, request) => requestVerificationReport(reports, principal, request),
        status: (principal, reportId) => reportStatus(reports, principal, reportId),
        open: (principal, reportId) => openReport(reports, principal, reportId),
        list: (accountId, filter) => listReports(reports, reportList, accountId, filter),
        columns: { standard: FIXED_COLUMNS.filter((c) => !PII_COLUMNS.has(c)), person: FIXED_COLUMNS.filter((c) => PII_COLUMNS.has(c)) },
      },
    }),
  ];
}
