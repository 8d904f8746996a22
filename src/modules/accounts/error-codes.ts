import { AppError, CommonErrors } from '../../shared/errors.ts';

/** The accounts module's error catalog. */
export const AccountErrors = {
  unknownAccount: (id: string) => CommonErrors.notFound('Account', id),
  unknownToken: (id: string) => CommonErrors.notFound('Token', id),
  badRoles: (roles: unknown) => CommonErrors.invalidRequest(`Unknown role in ${JSON.stringify(roles)}`),
  invalidClient: () => new AppError('invalid_client', 401, 'Client authentication failed'),
  unsupportedGrant: (grant: unknown) =>
    new AppError('unsupported_grant_type', 400, `Grant type '${String(grant)}' is not supported; use client_credentials`),
  /** A real token, refused because its account is suspended (not a guess: the failed-token limit does not count it). */
  accountSuspended: () =>
    new AppError(
      'unauthorizedAccountStatus',
      403,
      'The account this API token belongs to is suspended; contact the operator of this server',
    ),
  /** A real token, refused because the user it was issued to is disabled. */
  userDisabled: () => new AppError('unauthorizedUser', 401, 'The user this API token was issued to is disabled'),
  /** A real token, refused because the request does not come from an address on the token's allow-list. */
  addressNotAllowed: () =>
    new AppError('unauthorizedIpAddress', 403, 'This API token may not be used from the address this request comes from'),
  badAllowedAddresses: (entries: readonly string[]) =>
    CommonErrors.invalidRequest(
      `allowedIpAddresses: not an IP address or CIDR range: ${entries.map((e) => JSON.stringify(e)).join(', ')}`,
      { invalid: [...entries] },
    ),
  /** No user of the account has this email (the email is not repeated: it is personal data). */
  unknownUser: (accountId: string) => new AppError('notFound', 404, `Account '${accountId}' has no user with this email`),
} as const;
