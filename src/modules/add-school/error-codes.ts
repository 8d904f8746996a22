import { AppError } from '../../shared/errors.ts';
import { DAILY_REQUESTS_PER_PROGRAM } from './domain/add-school-request.ts';

/** The add-school module's error catalog (eligibility errorIds). */
export const AddSchoolErrors = {
  /** The program's daily cap is reached; `apiRateLimitExceeded` is the dialect's errorId for a rate limit. */
  dailyLimitReached: (programId: string, retryAfterSeconds: number) =>
    new AppError(
      'apiRateLimitExceeded',
      429,
      `Program with ID '${programId}' has received its ${DAILY_REQUESTS_PER_PROGRAM} add-school requests for today (UTC); try again tomorrow`,
      { retryAfterSeconds },
    ),
  noRequest: (requestId: string) => new AppError('notFound', 404, `Add-school request with ID '${requestId}' not found`),
  alreadyDecided: (requestId: string, status: string) =>
    new AppError('conflict', 409, `Add-school request with ID '${requestId}' was already decided (${status}); a decision is final`),
} as const;
