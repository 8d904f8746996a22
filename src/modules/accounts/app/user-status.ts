import { AccountErrors } from '../error-codes.ts';
import type { AccountsDeps } from './deps.ts';
import { emailDigest } from './ensure-user.ts';

/**
 * Disables or enables a user of an account, found by email. While the user is disabled the tokens issued
 * to the user are refused (`unauthorizedUser`); the account's other tokens are not. Says whether the
 * state changed (disabling a disabled user keeps the time it was first disabled).
 */
export async function setUserDisabled(deps: AccountsDeps, input: { accountId: string; email: string; disabled: boolean }) {
  if (!(await deps.repo.findAccount(input.accountId))) throw AccountErrors.unknownAccount(input.accountId);
  const user = await deps.repo.findUserByEmailHash(input.accountId, emailDigest(deps, input.email));
  if (!user) throw AccountErrors.unknownUser(input.accountId);
  const result = { accountId: input.accountId, userId: user.id, disabled: input.disabled };
  if ((user.disabled_at !== null) === input.disabled) return { ...result, changed: false };
  await deps.repo.setUserDisabled(input.accountId, user.id, input.disabled ? deps.clock.now() : null);
  return { ...result, changed: true };
}
