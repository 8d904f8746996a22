import { AccountErrors } from '../error-codes.ts';
import type { AccountsDeps } from './deps.ts';

export type AccountStatus = 'active' | 'suspended';

/**
 * Suspends or activates an account. While it is suspended every token of the account is refused
 * (`unauthorizedAccountStatus`); nothing else changes, so activating it honours the same tokens again.
 * Says whether the status changed (setting the status it already has is no change).
 */
export async function setAccountStatus(deps: AccountsDeps, accountId: string, status: AccountStatus) {
  const account = await deps.repo.findAccount(accountId);
  if (!account) throw AccountErrors.unknownAccount(accountId);
  if (account.status === status) return { accountId, status, changed: false };
  await deps.repo.setAccountStatus(accountId, status);
  return { accountId, status, changed: true };
}
