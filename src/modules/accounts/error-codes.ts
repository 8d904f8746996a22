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
  /** No user of the account has this id. */
  userNotFound: (userId: string) => CommonErrors.notFound('User', userId),
  /** The same answer whether the email is unknown, the password or code wrong, or the user may not sign in. */
  signInFailed: () => new AppError('signInFailed', 401, 'The email address, password or code is not right'),
  /** Too many failed sign-ins for this email address or from this client address. */
  signInThrottled: (retryAfterSeconds: number) =>
    new AppError('signInThrottled', 429, `Too many attempts; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds }),
  /** A new password that does not follow the rules; the reason is for the person choosing it. */
  weakPassword: (reason: string) => new AppError('weakPassword', 400, reason, { reason }),
  invalidTotpCode: () => new AppError('invalidTotpCode', 400, 'The code is not right; enter the code the authenticator app shows now'),
  /** Confirming TOTP without having begun the enrolment. */
  noTotpEnrolment: () => new AppError('noTotpEnrolment', 409, 'No authenticator app is being set up; start again'),
  /** An invitation or reset link that is unknown, used already or expired. */
  invalidLink: () => new AppError('invalidLink', 410, 'This link is not valid any more (used or expired); ask for a new one'),
  /**
   * Setting a password from a mailed link for a person who signs in with a second factor: the mailbox
   * alone must not be enough to take over the account. `methods` says what is needed.
   */
  secondFactorRequired: (methods: readonly ('totp' | 'passkey')[]) =>
    new AppError(
      'secondFactorRequired',
      403,
      methods.includes('totp')
        ? 'Enter the code from your authenticator app to set a new password'
        : 'Sign in with your passkey, then change the password from your profile',
      { methods: [...methods] },
    ),
  /** The account would be left without an administrator. */
  lastAdmin: () => new AppError('lastAdmin', 409, 'An account must keep at least one enabled user with the ADMIN role'),
  /** Inviting someone who already has a password in this account. */
  userExists: () => new AppError('userExists', 409, 'This person already has access to the account'),
  /** A passkey answer that does not verify (wrong challenge, origin, signature or format). */
  passkeyRejected: (reason: string) => new AppError('passkeyRejected', 400, `The passkey was not accepted: ${reason}`),
  passkeyExists: () => new AppError('passkeyExists', 409, 'This passkey is registered already'),
  /** The invitation could not be mailed; the invitation itself stays, and inviting again sends a new link. */
  mailFailed: () => new AppError('mailFailed', 503, 'The email could not be sent; try again in a moment'),
} as const;
