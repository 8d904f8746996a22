import type { VouchModule } from '../../platform/module.ts';
import type { ReverifyDeps } from './app/deps.ts';
import { startReverifyWorker } from './app/process-batch.ts';
import { registerReverifyRoutes } from './http/routes.ts';

/** Re-verification batches: their routes, and the worker that runs them chunk by chunk. */
export const createReverificationModule = (deps: ReverifyDeps): VouchModule => ({
  name: 'reverification',
  routes: (app) => registerReverifyRoutes(app, deps),
  start: () => startReverifyWorker(deps),
});
