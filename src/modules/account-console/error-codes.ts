import { AppError, isAppError } from '../../shared/errors.ts';

/** The account pages' error catalog (shown as pages under /console, or beside the form they came from). */
export const AccountConsoleErrors = {
  badFilter: (message: string) => new AppError('invalidRequest', 400, message),
  /** Settings that cannot be saved: per field, why; and what was typed, for the form to show again. */
  badSettings: (fields: Record<string, string>, typed: Record<string, string>) =>
    new AppError('invalidRequest', 400, 'The settings were not saved: correct the fields marked below', { fields, typed }),
  /**
   * The settings use case refused (a client error): its message, with what was typed and the fields its one
   * rule is about; other errors pass as they are.
   */
  refused: (e: unknown, typed: Record<string, string>, fields: Record<string, string>) =>
    isAppError(e) && e.status < 500 ? new AppError(e.code, e.status, `The settings were not saved: ${e.message}`, { fields, typed }) : e,
} as const;
