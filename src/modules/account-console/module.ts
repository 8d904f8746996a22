import type { VouchModule } from '../../platform/module.ts';
import type { AccountConsoleDeps } from './app/deps.ts';
import { registerAccountConsoleRoutes } from './http/routes.tsx';

/** The console's Account section. */
export const createAccountConsoleModule = (deps: AccountConsoleDeps): VouchModule => ({
  name: 'account-console',
  routes: (app) => registerAccountConsoleRoutes(app, deps),
});
