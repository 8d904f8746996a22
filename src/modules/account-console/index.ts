/**
 * The console's Account section (ADMIN): the account's client-request settings through the settings use
 * case, the audit log with filters, paging and a CSV export, and an administrator's reset of another
 * person's second factor. Built from other modules' use cases, wired in src/main/console-account.ts.
 */
export type { AccountConsoleDeps, AccountSettings, AuditEntry, AuditQuery } from './app/deps.ts';
export { createAccountConsoleModule } from './module.ts';
