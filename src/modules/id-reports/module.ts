import type { VouchModule } from '../../platform/module.ts';
import type { IdReportsDeps } from './app/deps.ts';
import { expireDueReports } from './app/reports.ts';
import { startReportReading } from './app/read-report.ts';
import { registerIdReportRoutes } from './http/report-routes.ts';

/** ID reports: their routes, the job reading submitted photos, and the sweep that ends reports past their availability. */
export const createIdReportsModule = (deps: IdReportsDeps): VouchModule => ({
  name: 'id-reports',
  routes: (app) => registerIdReportRoutes(app, deps),
  // The reading of submitted photos (when DOCUMENT_READING is on).
  start: () => startReportReading(deps),
  sweeps: [{ what: 'report expiry', run: () => expireDueReports(deps) }],
});
