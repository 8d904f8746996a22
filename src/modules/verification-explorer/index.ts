/**
 * The verifications explorer: the console's list of eligibility verifications with filters, and one
 * verification's whole record (steps, decisions, documents, webhooks, audit), its person only for the
 * roles that may read personal data.
 */
export type { ExplorerDeps } from './app/deps.ts';
export { listVerifications } from './app/list-verifications.ts';
export { viewVerification, mayReadPersonalData } from './app/view-verification.ts';
export { createVerificationExplorerModule } from './module.ts';
