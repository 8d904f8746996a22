import type { VouchModule } from '../../platform/module.ts';
import type { IdReportsDeps } from './app/deps.ts';
import { expireDueReports } from './app/reports.ts';
import { registerIdReportRoutes } from './http/report-routes.ts';

/** ID reports: their routes, and the sweep that ends reports past their availability. */
export const createIdReportsModule = (deps: IdReportsDeps): VouchModule => ({
  name: 'id-reports',
  routes: (app) => registerIdReportRoutes(app, deps),
  sweeps: [{ what: 'report expiry', run: () => expireDueReports(deps) }],
});
