/**
 * Identity reports of client requests: the checks, the report built when the client submits (or as the
 * sandbox's sample), its PDF, download and metadata, its review, expiry and audit, and the transaction-key
 * view of a file. It builds on client-requests and capture.
 */
export type { IdReportsDeps } from './app/deps.ts';
export { IdReportsRepository, type ReportRow } from './infra/reports-repository.ts';
export { submitCapture } from './app/build-report.ts';
export { expireDueReports } from './app/reports.ts';
export { registerIdReportRoutes } from './http/report-routes.ts';
export { createIdReportsModule } from './module.ts';
export { ReviewQueueRepository, type AwaitingRow } from './infra/review-queue-repository.ts';
export { reportsAwaitingReview, reportsAwaitingCount, reportsExpiringSoon, reportForReview, readReportPhoto } from './app/review-desk.ts';
export { reviewReport, type ReviewInput } from './app/review.ts';
// The API's use cases and bodies, for the console's client file pages (which run the same).
export { verificationReport } from './app/reports.ts';
export { generateSampleReport } from './app/sample-report.ts';
export { ReviewBody, SampleReportBody } from './http/report-bodies.ts';
export { READ_REPORT_JOB, readReport, type ReadReportJob } from './app/read-report.ts';
