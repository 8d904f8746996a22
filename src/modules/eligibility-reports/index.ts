/**
 * Eligibility reports: the CSV of a re-verification batch, or of a program's verifications over a date
 * range, prepared by a job and streamed (the client-request dialect's identity reports are id-reports).
 */
export type { ReportsDeps } from './app/deps.ts';
export { PREPARE_REPORT_JOB } from './app/deps.ts';
export { ReportsRepository } from './infra/reports-repository.ts';
export { prepareReport, startReportWorker } from './app/prepare-report.ts';
export { FIXED_COLUMNS, PII_COLUMNS } from './domain/columns.ts';
export { registerReportRoutes } from './http/routes.ts';
export { createReportsModule } from './module.ts';
export type { ReportRequest } from './app/request-report.ts';
export { requestReverifyReport, requestVerificationReport, reportStatus } from './app/request-report.ts';
export { openReport } from './app/stream-report.ts';
export { ReportListQueries } from './infra/report-list.ts';
export { listReports, type ListedReport } from './app/list-reports.ts';
