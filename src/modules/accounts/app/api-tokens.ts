import { sha256 } from '../../../platform/crypto/index.ts';
import { checkSingleLineName } from '../../../shared/names.ts';
import { isRole, type Role } from '../../../shared/principal.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { AccountErrors } from '../error-codes.ts';
import { ALLOWED_ADDRESSES_MAX, invalidEntries } from '../domain/allowed-addresses.ts';
import { CREDENTIAL_NAME_MAX, displayPrefix, TOKEN_PREFIX } from '../domain/tokens.ts';
import type { AccountsDeps } from './deps.ts';
import { ensureUser } from './ensure-user.ts';

export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  prefix: string;
  roles: Role[];
  expiresAt: Date | null;
  /** The client addresses (IPs, CIDR ranges) the token is honoured from; null for any. */
  allowedIpAddresses: string[] | null;
}

/** A token's name as stored (trimmed, one line, not too long), else an invalidRequest; the CLI checks it before it opens the store. */
export const tokenName = (input: string) => checkSingleLineName(input, 'Token name', CREDENTIAL_NAME_MAX);

/**
 * A token's allow-list as stored: 1 to 50 IP addresses or CIDR ranges, duplicates dropped; else an
 * invalidRequest naming the entries that are neither. The CLI checks it before it opens the store.
 */
export function parseAllowedAddresses(entries: readonly string[]): string[] {
  if (entries.length === 0 || entries.length > ALLOWED_ADDRESSES_MAX) {
    throw CommonErrors.invalidRequest(`allowedIpAddresses: give 1 to ${ALLOWED_ADDRESSES_MAX} IP addresses or CIDR ranges`);
  }
  const bad = invalidEntries(entries);
  if (bad.length > 0) throw AccountErrors.badAllowedAddresses(bad);
  return [...new Set(entries)];
}

export function parseRoles(roles: unknown): Role[] {
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) throw AccountErrors.badRoles(roles);
  return [...new Set(roles)];
}

/**
 * Issues a static API token. The secret is returned here once; only its SHA-256 is stored. The name and
 * the allow-list of addresses are checked here too, for the command line, which reaches this without the
 * route's schema. Without an allow-list the token is honoured from any address.
 */
export async function issueApiToken(
  deps: AccountsDeps,
  input: { accountId: string; name: string; roles: Role[]; userId?: string | null; allowedIpAddresses?: readonly string[] | null },
): Promise<IssuedToken> {
  const name = tokenName(input.name);
  const allowedIpAddresses = input.allowedIpAddresses ? parseAllowedAddresses(input.allowedIpAddresses) : null;
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
    allowed_ips: allowedIpAddresses,
  });
  return { id, name, token, prefix: displayPrefix(token), roles: input.roles, expiresAt: null, allowedIpAddresses };
}

/**
 * Issues a static API token to a user of the account, found by email or created with the token's roles.
 * While that user is disabled the token is refused (`unauthorizedUser`).
 */
export async function issueUserApiToken(
  deps: AccountsDeps,
  input: { accountId: string; name: string; roles: Role[]; email: string; allowedIpAddresses?: readonly string[] | null },
): Promise<IssuedToken & { userId: string; userCreated: boolean }> {
  tokenName(input.name);
  if (input.allowedIpAddresses) parseAllowedAddresses(input.allowedIpAddresses);
  if (!(await deps.repo.findAccount(input.accountId))) throw AccountErrors.unknownAccount(input.accountId);
  const user = await ensureUser(deps, input.accountId, input.email, input.roles);
  const issued = await issueApiToken(deps, { ...input, userId: user.id });
  return { ...issued, userId: user.id, userCreated: user.created };
}

export async function listApiTokens(deps: AccountsDeps, accountId: string) {
  const rows = await deps.repo.listStaticTokens(accountId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    roles: r.roles,
    allowedIpAddresses: r.allowed_ips,
    created: r.created_at.getTime(),
    revoked: r.revoked_at ? r.revoked_at.getTime() : null,
  }));
}

export async function revokeApiToken(deps: AccountsDeps, accountId: string, tokenId: string) {
  if (!(await deps.repo.revokeToken(accountId, tokenId, deps.clock.now()))) throw AccountErrors.unknownToken(tokenId);
}
