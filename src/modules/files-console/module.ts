import type { VouchModule } from '../../platform/module.ts';
import type { FilesConsoleDeps } from './app/deps.ts';
import { registerFileRoutes } from './http/file-routes.tsx';
import { registerRequestRoutes } from './http/request-routes.tsx';

/** The console's client file pages. */
export const createFilesConsoleModule = (deps: FilesConsoleDeps): VouchModule => ({
  name: 'files-console',
  routes: (app) => {
    registerFileRoutes(app, deps);
    registerRequestRoutes(app, deps);
  },
});
