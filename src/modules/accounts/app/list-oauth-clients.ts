import type { CredentialsDeps } from './credentials-deps.ts';

/** The account's OAuth clients, oldest first, revoked ones included (never their secrets: only a hash is kept). */
export async function listOauthClients(deps: CredentialsDeps, accountId: string) {
  return (await deps.credentials.listOauthClients(accountId)).map((c) => ({
    clientId: c.id,
    name: c.name,
    roles: c.roles,
    created: c.created_at.getTime(),
    revoked: c.revoked_at ? c.revoked_at.getTime() : null,
  }));
}
