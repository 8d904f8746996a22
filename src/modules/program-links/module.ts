import type { VouchModule } from '../../platform/module.ts';
import type { ProgramLinksDeps } from './app/deps.ts';
import { dropOldCounts } from './app/send-link.ts';
import { registerProgramLinkRoutes } from './http/routes.ts';

/** Program links sent by text message (sendLink): the route, and the sweep that drops past days' counters. */
export const createProgramLinksModule = (deps: ProgramLinksDeps): VouchModule => ({
  name: 'program-links',
  routes: (app) => registerProgramLinkRoutes(app, deps),
  sweeps: [{ what: 'sendLink counter expiry', run: () => dropOldCounts(deps) }],
});
