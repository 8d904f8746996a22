export type { ReportsDeps } from './app/deps.ts';
export { PREPARE_REPORT_JOB } from './app/deps.ts';
export { ReportsRepository } from './infra/reports-repository.ts';
export { prepareReport, startReportWorker } from './app/prepare-report.ts';
export { FIXED_COLUMNS } from './domain/columns.ts';
export { registerReportRoutes } from './http/routes.ts';
