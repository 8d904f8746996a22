/** The audit log: an append-only record of state changes and reads of PII or documents, per account. */
export type { AuditDeps } from './app/deps.ts';
export { recordRequest } from './app/record-request.ts';
export { recordEvent, type AuditEvent } from './app/record-event.ts';
export { AuditWriter } from './app/audit-writer.ts';
export { listEntries } from './app/list-entries.ts';
export { AuditRepository } from './infra/audit-repository.ts';
export { registerAuditRoutes } from './http/routes.ts';
export { createAuditModule } from './module.ts';
