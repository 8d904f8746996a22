import { listUsers } from '../modules/accounts/index.ts';
import { createProgramConsoleModule } from '../modules/program-console/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/**
 * The console's program pages, wired from the container's parts: the programs module's own parts, the
 * organizations' and rosters' imports, and the account's enabled administrators, who get the low-stock mail.
 */
export function consoleProgramsModules(parts: ConsoleParts): VouchModule[] {
  return [
    createProgramConsoleModule({
      programs: parts.programs,
      importOrganizations: (accountId, csv) => parts.organizations.importCsv(accountId, csv),
      importRoster: (accountId, csv, replace) => parts.rosters.importCsv(accountId, csv, replace),
      administrators: async (accountId) =>
        (await listUsers(parts.accounts, accountId)).filter((p) => !p.disabled && p.roles.includes('ADMIN')).map((p) => p.email),
      mailer: parts.mailer,
      publicUrl: parts.publicUrl,
    }),
  ];
}
