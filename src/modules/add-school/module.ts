import type { VouchModule } from '../../platform/module.ts';
import type { AddSchoolDeps } from './app/deps.ts';
import { registerAddSchoolRoutes } from './http/routes.ts';
import { AddSchoolRepository } from './infra/add-school-repository.ts';

/** A person asks for a school that is not in the directory; the requests wait for the account's review. */
export function createAddSchoolModule(deps: AddSchoolDeps): VouchModule {
  const { db, ...rest } = deps;
  const app = { ...rest, repo: new AddSchoolRepository(db) };
  return { name: 'add-school', routes: (server) => registerAddSchoolRoutes(server, app) };
}
