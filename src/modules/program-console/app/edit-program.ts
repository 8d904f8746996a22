import { isAppError } from '../../../shared/errors.ts';
import { changeProgram, createProgram, defaultMessages, type Program } from '../../programs/index.ts';
import { type FormFields, fieldName, newProgramOf, revised, SETTINGS_KEYS, settingsOf, THEME_KEYS } from '../domain/program-form.ts';
import { flatten, lookOf, messagesWith, type ThemeLocale } from '../domain/theme-form.ts';
import { ProgramConsoleErrors } from '../error-codes.ts';
import type { ProgramConsoleDeps } from './deps.ts';

/** Creates a program from the form, through createProgram (the definition judged by ProgramInput). */
export async function createFromForm(deps: ProgramConsoleDeps, accountId: string, form: FormFields): Promise<Program> {
  try {
    return await createProgram(deps.programs, accountId, newProgramOf(form));
  } catch (e) {
    const issues = isAppError(e) && Array.isArray(e.details.issues) ? (e.details.issues as { path: string; message: string }[]) : null;
    if (issues) throw ProgramConsoleErrors.badProgram(issues.map((i) => `${fieldName(i.path)}: ${i.message}`));
    throw e;
  }
}

/**
 * A change of the program through changeProgram (its row locked, written once): `part` is judged with
 * the program's other settings by ProgramInput; a refusal changes nothing.
 */
async function change(
  deps: ProgramConsoleDeps,
  accountId: string,
  programId: string,
  part: (p: Program) => Record<string, unknown>,
  keys: readonly string[],
) {
  return changeProgram(deps.programs, accountId, programId, (p) => {
    const r = revised(p, part(p), keys);
    if ('findings' in r) throw ProgramConsoleErrors.badProgram(r.findings);
    return r.program;
  });
}

/** The program form's settings, name and mode (its segment stays). */
export const changeSettings = (deps: ProgramConsoleDeps, accountId: string, programId: string, form: FormFields) =>
  change(deps, accountId, programId, () => ({ ...settingsOf(form), name: form.name ?? '', testMode: form.mode !== 'live' }), SETTINGS_KEYS);

/** The default messages of a locale, as dotted keys beside their texts. */
export const defaultTexts = (locale: ThemeLocale) => flatten(defaultMessages(locale).messages);

/** The theme page: one locale's messages and the look (colours, logo, privacy policy, CSS). */
export const changeTheme = (deps: ProgramConsoleDeps, accountId: string, programId: string, locale: ThemeLocale, form: FormFields) =>
  change(
    deps,
    accountId,
    programId,
    (p: Program) => ({ ...lookOf(form), messages: messagesWith(p, locale, defaultTexts(locale), form) }),
    THEME_KEYS,
  );
