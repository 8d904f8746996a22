import { sha256 } from '../../../platform/crypto/index.ts';
import { checkSingleLineName } from '../../../shared/names.ts';
import { isRole, type Role } from '../../../shared/principal.ts';
import { AccountErrors } from '../error-codes.ts';
import { CREDENTIAL_NAME_MAX, displayPrefix, TOKEN_PREFIX } from '../domain/tokens.ts';
import type { AccountsDeps } from './deps.ts';

export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  prefix: string;
  roles: Role[];
  expiresAt: Date | null;
}

export function parseRoles(roles: unknown): Role[] {
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) throw AccountErrors.badRoles(roles);
  return [...new Set(roles)];
}

/**
 * Issues a static API token. The secret is returned here once; only its SHA-256 is stored. The name is
 * checked here too, for the command line, which reaches this without the route's schema.
 */
export async function issueApiToken(
  deps: AccountsDeps,
  input: { accountId: string; name: string; roles: Role[]; userId?: string | null },
): Promise<IssuedToken> {
  const name = checkSingleLineName(input.name, 'Token name', CREDENTIAL_NAME_MAX);
  if (!(await deps.repo.findAccount(input.accountId))) throw AccountErrors.unknownAccount(input.accountId);
  const token = deps.ids.secret(TOKEN_PREFIX.static);
  const id = deps.ids.hex24();
  await deps.repo.insertToken({
    id,
    account_id: input.accountId,
    user_id: input.userId ?? null,
    client_id: null,
    name,
    kind: 'static',
    token_hash: sha256(token),
    prefix: displayPrefix(token),
    roles: input.roles,
    expires_at: null,
  });
  return { id, name, token, prefix: displayPrefix(token), roles: input.roles, expiresAt: null };
}

export async function listApiTokens(deps: AccountsDeps, accountId: string) {
  const rows = await deps.repo.listStaticTokens(accountId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    roles: r.roles,
    created: r.created_at.getTime(),
    revoked: r.revoked_at ? r.revoked_at.getTime() : null,
  }));
}

export async function revokeApiToken(deps: AccountsDeps, accountId: string, tokenId: string) {
  if (!(await deps.repo.revokeToken(accountId, tokenId, deps.clock.now()))) throw AccountErrors.unknownToken(tokenId);
}
