import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { OrganizationsModule } from '../../organizations/index.ts';
import type { Program } from '../../programs/index.ts';
import type { AddSchoolRepository } from '../infra/add-school-repository.ts';

/** What the add-school requests need from the rest of Vouch (wired in src/main). */
export interface AddSchoolDeps {
  db: Database;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  /** A program by id; with an account, only that account's (else `noProgram`). */
  loadProgram(id: string, callerAccountId?: string | null): Promise<Program>;
  /** Search, find, and add to the account's organizations (an approved request adds its school). */
  organizations: OrganizationsModule;
}

/** The use cases' dependencies: the wired ones, with the module's repository in place of the database. */
export type AddSchoolAppDeps = Omit<AddSchoolDeps, 'db'> & { repo: AddSchoolRepository };
