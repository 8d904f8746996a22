import type { VouchModule } from '../../platform/module.ts';
import type { ExplorerDeps } from './app/deps.ts';
import { registerExplorerRoutes } from './http/routes.tsx';

/** The console's verifications explorer. */
export const createVerificationExplorerModule = (deps: ExplorerDeps): VouchModule => ({
  name: 'verification-explorer',
  routes: (app) => registerExplorerRoutes(app, deps),
});
