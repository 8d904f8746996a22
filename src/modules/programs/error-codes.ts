import { AppError } from '../../shared/errors.ts';

/** The programs module's error catalog (eligibility errorIds where the dialect has one). */
export const ProgramErrors = {
  noProgram: (id: string) => new AppError('noProgram', 404, `Program with ID '${id}' not found`),
  inactiveProgram: (id: string) => new AppError('inactiveProgram', 403, `Program with id '${id}' is not currently active`),
  expiredProgram: (id: string) => new AppError('expiredProgram', 403, `Program with id '${id}' has expired`),
  noRemainingRewardCodes: (id: string) =>
    new AppError('noRemainingRewardCodes', 409, `No reward codes remaining for program with ID '${id}'`),
  notAPool: (id: string) => new AppError('invalidProgram', 400, `Program '${id}' does not use a reward pool (offerType rewardPool)`),
} as const;
