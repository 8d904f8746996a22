import { sha256 } from '../../../platform/crypto/index.ts';
import type { Principal, Role } from '../../../shared/principal.ts';
import { addressAllowed } from '../domain/allowed-addresses.ts';
import { AccountErrors } from '../error-codes.ts';
import type { AccountsDeps } from './deps.ts';

/** When this process last wrote each token's `last_used_at`: a use is written at most once a minute per token. */
const lastNoted = new Map<string, number>();
const NOTE_EVERY_MS = 60_000;

/** Records that a token was used ("last used" in the console), without a write on every request. */
async function noteUse(deps: AccountsDeps, tokenId: string) {
  const now = deps.clock.now();
  const last = lastNoted.get(tokenId);
  if (last !== undefined && now.getTime() - last < NOTE_EVERY_MS) return;
  // Start over before the map grows without bound (each token is then written once more).
  if (lastNoted.size >= 10_000) lastNoted.clear();
  lastNoted.set(tokenId, now.getTime());
  // A note that cannot be written (a read-only or failing store) must not refuse the request it notes.
  await deps.repo.touchToken(tokenId, now).catch(() => lastNoted.delete(tokenId));
}

/**
 * Resolves a bearer secret to its principal, or null when it is unknown, revoked or expired (what a guess
 * looks like). A live token that may not be used now is refused with the reason, as an AppError thrown:
 * its account is suspended (`unauthorizedAccountStatus`), its user is disabled (`unauthorizedUser`), or
 * `clientAddress` (the request's, after trusted proxies; null when unknown) is not on its allow-list
 * (`unauthorizedIpAddress`). Whoever sends such a token holds a real one, so callers do not count these
 * refusals as guessing.
 */
export async function authenticate(deps: AccountsDeps, bearer: string, clientAddress: string | null): Promise<Principal | null> {
  if (bearer.length < 10 || bearer.length > 200) return null;
  const row = await deps.repo.findLiveToken(sha256(bearer), deps.clock.now());
  if (!row) return null;
  if (row.account_status !== 'active') throw AccountErrors.accountSuspended();
  if (row.user_disabled_at) throw AccountErrors.userDisabled();
  if (!addressAllowed(row.allowed_ips, clientAddress)) throw AccountErrors.addressNotAllowed();
  await noteUse(deps, row.id);
  return { accountId: row.account_id, tokenId: row.id, clientId: row.client_id, roles: row.roles as Role[] };
}
