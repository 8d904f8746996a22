import { sha256 } from '../../../platform/crypto/index.ts';
import type { Principal, Role } from '../../../shared/principal.ts';
import type { AccountsDeps } from './deps.ts';

/** Resolves a bearer secret to its principal, or null when it is unknown, revoked or expired. */
export async function authenticate(deps: AccountsDeps, bearer: string): Promise<Principal | null> {
  if (bearer.length < 10 || bearer.length > 200) return null;
  const row = await deps.repo.findLiveToken(sha256(bearer), deps.clock.now());
  return row ? { accountId: row.account_id, tokenId: row.id, clientId: row.client_id, roles: row.roles as Role[] } : null;
}
