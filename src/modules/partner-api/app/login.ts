import { AppError } from '../../../shared/errors.ts';
import { authenticate, exchangeClientCredentials, issueApiToken, listApiTokens, revokeApiToken } from '../../accounts/index.ts';
import { PartnerErrors } from '../error-codes.ts';
import type { PartnerApiContext } from './deps.ts';

/** The name of the API token a partner's login issues: one name per OAuth client, so a new login can replace it. */
export const loginTokenName = (clientId: string) => `Partner login ${clientId}`;

/**
 * SheerID's partner login (`POST /rest/oem/login`): a partner platform exchanges the account's
 * credentials for a bearer token it keeps. The credentials are an OAuth client's (`username` = client
 * id, `password` = client secret), checked by the client-credentials exchange; the bearer token is an
 * API token of the account with the client's roles, as a partner platform stores it and does not log in
 * again (listed and revoked like any API token). `override` (the default) revokes the tokens earlier
 * logins of the same client were given.
 */
export async function partnerLogin(deps: PartnerApiContext, input: { username: string; password: string; override?: boolean }) {
  let exchanged;
  try {
    exchanged = await exchangeClientCredentials(deps.accounts, {
      grantType: 'client_credentials',
      clientId: input.username,
      clientSecret: input.password,
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'invalid_client') throw PartnerErrors.badLogin();
    throw e;
  }
  // The exchanged token has no allow-list of addresses, so no client address is needed to resolve it.
  const client = await authenticate(deps.accounts, exchanged.access_token, null);
  if (!client?.clientId) throw PartnerErrors.badLogin();
  // The short-lived token only proved the credentials: it is not handed out.
  await revokeApiToken(deps.accounts, client.accountId, client.tokenId);
  const name = loginTokenName(client.clientId);
  if (input.override !== false) {
    for (const t of await listApiTokens(deps.accounts, client.accountId)) {
      if (t.name === name && t.revoked === null) await revokeApiToken(deps.accounts, client.accountId, t.id);
    }
  }
  const issued = await issueApiToken(deps.accounts, { accountId: client.accountId, name, roles: [...client.roles] });
  return { userId: client.clientId, bearerToken: issued.token };
}
