import type { VouchModule } from '../../platform/module.ts';
import type { ProgramsDeps } from './app/deps.ts';
import type { OrganizationSearch } from './app/theme-and-search.ts';
import { registerProgramRoutes } from './http/routes.ts';

/** Programs, their theme and reward codes: their routes; the organization search they show is handed in. */
export const createProgramsModule = (deps: ProgramsDeps, search: OrganizationSearch): VouchModule => ({
  name: 'programs',
  routes: (app) => registerProgramRoutes(app, deps, search),
});
