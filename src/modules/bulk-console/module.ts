import type { VouchModule } from '../../platform/module.ts';
import type { BulkConsoleDeps } from './app/deps.ts';
import { registerBulkConsoleRoutes } from './http/routes.tsx';

/** The console's re-verification and report pages. */
export const createBulkConsoleModule = (deps: BulkConsoleDeps): VouchModule => ({
  name: 'bulk-console',
  routes: (app) => registerBulkConsoleRoutes(app, deps),
});
