import type { SecretBox } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { importRoster } from './app/import-roster.ts';
import { matchRosterMany, type RosterQuery } from './app/match-roster.ts';
import { RosterRepository } from './infra/roster-repository.ts';

export type { RosterQuery };

/** The roster data source: import eligible people, and match a person against them. */
export function createRostersModule(db: Database, box: SecretBox, clock: Clock) {
  const deps = { repo: new RosterRepository(db), box, clock };
  return {
    importCsv: (accountId: string, csv: unknown, replace = false) => importRoster(deps, accountId, csv, replace),
    matchMany: (qs: RosterQuery[], exec?: Database) => matchRosterMany(deps, qs, exec),
  };
}
export type RostersModule = ReturnType<typeof createRostersModule>;
export { registerRosterRoutes } from './http/routes.ts';
