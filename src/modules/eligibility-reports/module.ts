import type { VouchModule } from '../../platform/module.ts';
import type { ReportsDeps } from './app/deps.ts';
import { startReportWorker } from './app/prepare-report.ts';
import { registerReportRoutes } from './http/routes.ts';

/** CSV reports of verifications and re-verification batches: their routes, and the worker that prepares them. */
export const createReportsModule = (deps: ReportsDeps): VouchModule => ({
  name: 'eligibility-reports',
  routes: (app) => registerReportRoutes(app, deps),
  start: () => startReportWorker(deps),
});
