import type { VouchModule } from '../../platform/module.ts';
import type { AuditDeps } from './app/deps.ts';
import { registerAuditRoutes } from './http/routes.ts';

/** The audit log: its query route (entries are written by the platform's audit hook, through `recordRequest`). */
export const createAuditModule = (deps: AuditDeps): VouchModule => ({
  name: 'audit',
  routes: (app) => registerAuditRoutes(app, deps),
});
