import type { VouchModule } from '../../platform/module.ts';
import { sweepConsoleSignIns, type AccountsDeps } from '../accounts/index.ts';
import { registerConsoleAssets } from './http/assets.ts';
import { registerLinkRoutes } from './http/link-routes.tsx';
import { registerOverviewRoutes, type ConsoleReads } from './http/overview-routes.tsx';
import { registerSecurityRoutes } from './http/security-routes.tsx';
import { registerSignInRoutes } from './http/sign-in-routes.tsx';
import { registerUsersRoutes } from './http/users-routes.tsx';

export interface ConsoleDeps {
  accounts: AccountsDeps;
  reads: ConsoleReads;
}

/** The console's foundation: its assets, sign-in and password links, a person's own sign-in settings, the account's people. */
export const createConsoleModule = (deps: ConsoleDeps): VouchModule => ({
  name: 'console',
  routes: (app) => {
    registerConsoleAssets(app);
    registerSignInRoutes(app, deps.accounts);
    registerLinkRoutes(app, deps.accounts);
    registerSecurityRoutes(app, deps.accounts);
    registerUsersRoutes(app, deps.accounts);
    registerOverviewRoutes(app, deps.reads);
  },
  sweeps: [{ what: 'ended console sessions, links and challenges', run: () => sweepConsoleSignIns(deps.accounts) }],
});
