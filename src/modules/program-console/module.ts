import type { VouchModule } from '../../platform/module.ts';
import type { ProgramConsoleDeps } from './app/deps.ts';
import { mailLowStockWarnings } from './app/low-stock-mail.ts';
import { registerProgramConsoleRoutes } from './http/routes.tsx';

/** The console's program pages, and the sweep that mails the low-stock warnings of reward-code pools. */
export const createProgramConsoleModule = (deps: ProgramConsoleDeps): VouchModule => ({
  name: 'program-console',
  routes: (app) => registerProgramConsoleRoutes(app, deps),
  sweeps: [{ what: 'reward-code low-stock mail', run: () => mailLowStockWarnings(deps) }],
});
