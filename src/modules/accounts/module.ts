import type { VouchModule } from '../../platform/module.ts';
import type { AccountsDeps } from './app/deps.ts';
import { registerAccountRoutes } from './http/routes.ts';

/** Accounts, API tokens and OAuth clients: the management routes of credentials. */
export const createAccountsModule = (deps: AccountsDeps): VouchModule => ({
  name: 'accounts',
  routes: (app) => registerAccountRoutes(app, deps),
});
