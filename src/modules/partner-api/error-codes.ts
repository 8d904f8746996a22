import { AppError, CommonErrors } from '../../shared/errors.ts';

/** The partner API's error catalog (the eligibility dialect's errorIds). */
export const PartnerErrors = {
  badLogin: () => new AppError('invalidCredentials', 401, 'The username or password is invalid'),
  badAudience: (message: string) => CommonErrors.invalidRequest(`Invalid audience: ${message}`),
} as const;
