import { AppError } from '../../shared/errors.ts';

/** The verifications explorer's error catalog (shown as pages under /console). */
export const ExplorerErrors = {
  badFilter: (message: string) => new AppError('invalidRequest', 400, message),
} as const;
