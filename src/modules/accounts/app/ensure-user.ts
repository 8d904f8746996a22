import type { Role } from '../../../shared/principal.ts';
import type { AccountsDeps } from './deps.ts';

/** The keyed digest by which a user's email is looked up (the email itself is stored encrypted). */
export const emailDigest = (deps: Pick<AccountsDeps, 'box'>, email: string) => deps.box.digest(email.trim().toLowerCase());

/** A user of an account, found by email (stored encrypted, looked up by keyed digest) or created. */
export async function ensureUser(deps: AccountsDeps, accountId: string, email: string, roles: Role[]) {
  const emailHash = emailDigest(deps, email);
  const existing = await deps.repo.findUserByEmailHash(accountId, emailHash);
  if (existing) return { id: existing.id, created: false };
  const id = deps.ids.hex24();
  await deps.repo.insertUser({ id, account_id: accountId, email_hash: emailHash, email_enc: deps.box.encrypt(email), roles });
  return { id, created: true };
}
