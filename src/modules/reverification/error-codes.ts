import { AppError, CommonErrors } from '../../shared/errors.ts';

export const ReverifyErrors = {
  missing: () => CommonErrors.invalidRequest('Missing program ID or verification IDs'),
  tooMany: (max: number, got: number) => CommonErrors.invalidRequest(`At most ${max} verification IDs per batch, got ${got}`),
  badId: (index: number, value: unknown) =>
    CommonErrors.invalidRequest(`verificationIds[${index}] must be 24 hexadecimal characters, got ${JSON.stringify(value)?.slice(0, 60)}`),
  unknownBatch: (id: string) => new AppError('notFound', 404, `Re-verification task with batch ID '${id}' not found`),
  dailyLimit: (limit: number) =>
    new AppError(
      'reverificationDailyLimitExceeded',
      429,
      `At most ${limit} verifications may be re-verified per day; try again tomorrow (UTC)`,
    ),
} as const;
