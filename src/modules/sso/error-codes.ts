import { AppError } from '../../shared/errors.ts';

/** The sso module's error catalog. */
export const SsoErrors = {
  noOrganization: (id: number | string) => new AppError('notFound', 404, `Organization with ID '${id}' not found`),
  noBinding: (id: number | string) => new AppError('notFound', 404, `Organization '${id}' has no single sign-on binding`),
  badBinding: (message: string, issues?: { path: string; message: string }[]) =>
    new AppError('invalidRequest', 400, message, issues ? { issues } : {}),
  /** The callback's state is not one Vouch handed out, has expired, or was used already. */
  badState: () =>
    new AppError(
      'invalidSsoState',
      400,
      "The sign-in's state is unknown, expired or already used; start the sign-in again from the verification's loginUrl",
    ),
  /** A verification on the `sso` step whose organization has no binding, outside test mode. */
  notOffered: (verificationId: string) =>
    new AppError('invalidStep', 400, `Verification '${verificationId}' has no single sign-on at its organization`),
  /** The provider could not be reached to begin a sign-in (discovery failed): nothing changed, it may be tried again. */
  providerUnreachable: () =>
    new AppError(
      'ssoFailed',
      502,
      "The organization's sign-in provider could not be reached; try again, or DELETE the step to upload documents instead",
    ),
} as const;
