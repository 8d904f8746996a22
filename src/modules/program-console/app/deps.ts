import type { Mailer } from '../../../platform/mail/index.ts';
import type { ProgramsDeps } from '../../programs/index.ts';

/**
 * What the program pages work with: the programs module's parts (its use cases are called with them), and
 * the organizations', rosters' and accounts' use cases, wired in src/main.
 */
export interface ProgramConsoleDeps {
  programs: ProgramsDeps;
  /** The organizations module's import (POST /manage/v1/organizations/import). */
  importOrganizations(accountId: string, csv: string): Promise<{ imported: number }>;
  /** The rosters module's import (POST /manage/v1/roster/import). */
  importRoster(accountId: string, csv: string, replace: boolean): Promise<{ imported: number; replaced: boolean }>;
  /** The addresses of the account's enabled administrators (who get the low-stock warning). */
  administrators(accountId: string): Promise<string[]>;
  mailer: Mailer;
  publicUrl: string;
}
