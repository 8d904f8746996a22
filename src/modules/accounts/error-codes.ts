import { AppError, CommonErrors } from '../../shared/errors.ts';

/** The accounts module's error catalog. */
export const AccountErrors = {
  unknownAccount: (id: string) => CommonErrors.notFound('Account', id),
  unknownToken: (id: string) => CommonErrors.notFound('Token', id),
  badRoles: (roles: unknown) => CommonErrors.invalidRequest(`Unknown role in ${JSON.stringify(roles)}`),
  invalidClient: () => new AppError('invalid_client', 401, 'Client authentication failed'),
  unsupportedGrant: (grant: unknown) =>
    new AppError('unsupported_grant_type', 400, `Grant type '${String(grant)}' is not supported; use client_credentials`),
} as const;
