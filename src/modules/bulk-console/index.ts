/**
 * The console's "Re-verify and reports" section: re-verification batches started from a CSV of ids and
 * followed to their report, and verification reports over a range of days. Every action goes through
 * the reverification and eligibility-reports modules' own use cases; a download is the API's bytes.
 */
export type { BulkConsoleDeps } from './app/deps.ts';
export { startBatch } from './app/start-batch.ts';
export { idsFromCsv } from './domain/id-list.ts';
export { createBulkConsoleModule } from './module.ts';
