import type { VouchModule } from '../../platform/module.ts';
import type { IntegrationsConsoleDeps } from './app/deps.ts';
import { registerIntegrationsRoutes } from './http/routes.tsx';

/** The console's Integrations section: API tokens, OAuth clients and webhook endpoints, for ADMINs. */
export const createIntegrationsConsoleModule = (deps: IntegrationsConsoleDeps): VouchModule => ({
  name: 'integrations-console',
  routes: (app) => registerIntegrationsRoutes(app, deps),
});
