import { CommonErrors } from '../../../shared/errors.ts';
import type { CredentialsDeps } from './credentials-deps.ts';

/** Revokes an OAuth client: its secret is refused from now on, and the access tokens it was given end now. */
export async function revokeOauthClient(deps: CredentialsDeps, accountId: string, clientId: string) {
  if (!(await deps.credentials.revokeOauthClient(accountId, clientId, deps.clock.now()))) {
    throw CommonErrors.notFound('OAuth client', clientId);
  }
}
