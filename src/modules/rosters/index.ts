import type { SecretBox } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { VouchModule } from '../../platform/module.ts';
import type { Clock } from '../../shared/clock.ts';
import { importRoster } from './app/import-roster.ts';
import { matchRosterMany, type RosterQuery } from './app/match-roster.ts';
import { RosterRepository } from './infra/roster-repository.ts';
import { registerRosterRoutes } from './http/routes.ts';

export type { RosterQuery };

/** The roster data source: import eligible people (its route), and match a person against them. */
export function createRostersModule(db: Database, box: SecretBox, clock: Clock): RostersModule {
  const deps = { repo: new RosterRepository(db), box, clock };
  const rosters: RostersModule = {
    name: 'rosters',
    importCsv: (accountId, csv, replace = false) => importRoster(deps, accountId, csv, replace),
    matchMany: (qs, exec) => matchRosterMany(deps, qs, exec),
    routes: (app) => registerRosterRoutes(app, rosters),
  };
  return rosters;
}

export interface RostersModule extends VouchModule {
  importCsv(accountId: string, csv: unknown, replace?: boolean): ReturnType<typeof importRoster>;
  matchMany(qs: RosterQuery[], exec?: Database): ReturnType<typeof matchRosterMany>;
}
