import { AccountConsoleErrors } from '../error-codes.ts';
import { readSettingsForm } from '../domain/settings-form.ts';
import type { AccountConsoleDeps } from './deps.ts';

/**
 * Changes the account's settings from the posted form: every field read and checked as the API checks its
 * body, then the settings use case. Any problem refuses the whole form, so nothing changes.
 */
export async function changeSettingsFromForm(deps: AccountConsoleDeps, accountId: string, body: unknown) {
  const form = readSettingsForm(body);
  const problems = { ...deps.settings.check(form.values), ...form.problems };
  if (Object.keys(problems).length > 0) throw AccountConsoleErrors.badSettings(problems, form.typed);
  try {
    return await deps.settings.change(accountId, form.values);
  } catch (e) {
    // The use case's own refusal (the warning must come before the end): shown beside the form too.
    throw AccountConsoleErrors.refused(e, form.typed, { reportWarningDays: 'Must be fewer days than the report lifetime' });
  }
}
