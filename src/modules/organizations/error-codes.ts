import { AppError } from '../../shared/errors.ts';

/** The organizations module's error catalog (eligibility errorIds). */
export const OrganizationErrors = {
  noOrganization: (verificationId: string) =>
    new AppError('noOrganization', 404, `No organization was submitted on the verification with ID '${verificationId}'`),
} as const;
