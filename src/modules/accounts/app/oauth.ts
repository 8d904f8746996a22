import { timingSafeEqual } from 'node:crypto';
import { sha256 } from '../../../platform/crypto/index.ts';
import { checkSingleLineName } from '../../../shared/names.ts';
import type { Role } from '../../../shared/principal.ts';
import { AccountErrors } from '../error-codes.ts';
import { CREDENTIAL_NAME_MAX, displayPrefix, TOKEN_PREFIX } from '../domain/tokens.ts';
import type { AccountsDeps } from './deps.ts';

/**
 * Registers a client application for the OAuth2 client-credentials grant; the secret is shown once. The
 * answer names the secret twice, so it can be sent as is to either exchange: `clientSecret` (sent as
 * `client_secret` to /rest/v2/oauth/token) and `secret`, the name /api/auth/token reads.
 */
export async function createOauthClient(deps: AccountsDeps, input: { accountId: string; name: string; roles: Role[] }) {
  const name = checkSingleLineName(input.name, 'OAuth client name', CREDENTIAL_NAME_MAX);
  if (!(await deps.repo.findAccount(input.accountId))) throw AccountErrors.unknownAccount(input.accountId);
  const clientId = deps.ids.hex24();
  const clientSecret = deps.ids.secret(TOKEN_PREFIX.clientSecret);
  await deps.repo.insertOauthClient({
    id: clientId,
    account_id: input.accountId,
    name,
    secret_hash: sha256(clientSecret),
    roles: input.roles,
  });
  return { clientId, clientSecret, secret: clientSecret, name, roles: input.roles };
}

const sameDigest = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** RFC 6749 §4.4: exchanges client credentials for a short-lived bearer token with the client's roles. */
export async function exchangeClientCredentials(
  deps: AccountsDeps,
  input: { grantType: unknown; clientId: unknown; clientSecret: unknown },
) {
  if (input.grantType !== 'client_credentials') throw AccountErrors.unsupportedGrant(input.grantType);
  if (typeof input.clientId !== 'string' || typeof input.clientSecret !== 'string') throw AccountErrors.invalidClient();
  const client = await deps.repo.findLiveOauthClient(input.clientId);
  if (!client || !sameDigest(client.secret_hash, sha256(input.clientSecret))) throw AccountErrors.invalidClient();
  const token = deps.ids.secret(TOKEN_PREFIX.oauth);
  const ttl = deps.oauthTokenTtlSeconds;
  await deps.repo.insertToken({
    id: deps.ids.hex24(),
    account_id: client.account_id,
    user_id: null,
    client_id: client.id,
    name: `oauth:${client.name}`,
    kind: 'oauth',
    token_hash: sha256(token),
    prefix: displayPrefix(token),
    roles: client.roles as Role[],
    expires_at: new Date(deps.clock.now().getTime() + ttl * 1000),
  });
  return { access_token: token, token_type: 'Bearer', expires_in: ttl };
}
