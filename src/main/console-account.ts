import { createAccountConsoleModule } from '../modules/account-console/index.ts';
import { findUserByEmail, PasskeyRemoval, PeopleRepository, resetSecondFactor } from '../modules/accounts/index.ts';
import { listEntries } from '../modules/audit/index.ts';
import { changeSettings, getSettings, SettingsBody } from '../modules/client-requests/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/** The console's account pages, wired from the container's parts. */
export function consoleAccountModules(parts: ConsoleParts): VouchModule[] {
  const peopleRepo = new PeopleRepository(parts.db);
  const passkeys = new PasskeyRemoval(parts.db);

  // People named on the audit page: their email, from the accounts module's store (as console-modules.ts does).
  const people = async (accountId: string, userIds: string[]) => {
    const names = new Map<string, string>();
    for (const id of new Set(userIds)) {
      const person = await peopleRepo.findPerson(accountId, id);
      if (person) names.set(id, parts.box.decrypt(person.email_enc));
    }
    return names;
  };

  return [
    createAccountConsoleModule({
      settings: {
        get: (accountId) => getSettings(parts.clientRequests, accountId),
        // The management API's own body check, its messages by field.
        check: (values) => {
          const parsed = SettingsBody.safeParse(values);
          if (parsed.success) return {};
          const problems: Record<string, string> = {};
          for (const issue of parsed.error.issues) problems[String(issue.path[0] ?? '')] ??= issue.message;
          return problems;
        },
        change: (accountId, values) => changeSettings(parts.clientRequests, accountId, values),
      },
      documentRetention: async (accountId) =>
        (await parts.programs.repo.list(accountId)).map((p) => ({ program: p.name, days: p.config.documentRetentionDays })),
      audit: (accountId, q) => listEntries(parts.audit, accountId, q),
      people,
      personByEmail: async (accountId, email) => (await findUserByEmail(parts.accounts, accountId, email))?.id ?? null,
      resetSecondFactor: async (accountId, userId, by) => {
        const done = await resetSecondFactor(parts.accounts, passkeys, { accountId, userId, by });
        const email = (await people(accountId, [userId])).get(userId) ?? userId;
        return { email, ...done };
      },
    }),
  ];
}
