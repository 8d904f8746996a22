import { AppError } from '../../shared/errors.ts';

/** The program-links module's error catalog (eligibility errorIds). */
export const ProgramLinkErrors = {
  invalidPhoneNumber: (message: string) => new AppError('invalidPhoneNumber', 400, message),
  /** A daily cap reached: answered as the dialect's rate limit, with the seconds until the next UTC day. */
  dailyCapReached: (what: 'number' | 'program', max: number, retryAfterSeconds: number) =>
    new AppError(
      'apiRateLimitExceeded',
      429,
      what === 'number'
        ? `This phone number has been sent the most program links allowed in a day (${max}); try again after 00:00 UTC`
        : `This program has sent the most links by text message allowed in a day (${max}); try again after 00:00 UTC`,
      { retryAfterSeconds },
    ),
  /** The provider refused or did not answer; nothing was counted. */
  notSent: () => new AppError('internalServerError', 502, 'The text message could not be sent; nothing was sent, try again later'),
} as const;
