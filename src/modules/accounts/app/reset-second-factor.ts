import { CommonErrors } from '../../../shared/errors.ts';
import { AccountErrors } from '../error-codes.ts';
import type { PasskeyRemoval } from '../infra/passkey-removal.ts';
import type { AccountsDeps } from './deps.ts';
import { actorOf, userSubject } from './people-audit.ts';
import { removeTotp } from './totp-enrolment.ts';

/**
 * An administrator takes away another person's second factor (a lost phone or key): the authenticator app,
 * confirmed or pending, and every passkey. The person's next sign-in needs the password only, and they can
 * set up a new factor from their own sign-in page. Not for oneself: a session that could drop its own
 * factor this way would make the factor worth nothing against a stolen session.
 */
export async function resetSecondFactor(
  deps: AccountsDeps,
  passkeys: PasskeyRemoval,
  input: { accountId: string; userId: string; by: string },
): Promise<{ totp: boolean; passkeys: number }> {
  const person = await deps.people.findPerson(input.accountId, input.userId);
  if (!person) throw AccountErrors.userNotFound(input.userId);
  if (input.userId === input.by) {
    throw CommonErrors.conflict('You cannot reset your own second factor here; change it on Your sign-in, or ask another administrator');
  }
  const { removed } = await removeTotp(deps, input);
  const removedKeys = await passkeys.removeAll(input.accountId, input.userId);
  if (removedKeys > 0) {
    await deps.audit({
      accountId: input.accountId,
      action: 'user.passkeys-removed',
      actor: actorOf(input.by),
      subject: userSubject(input.userId),
      outcome: 200,
      ip: null,
    });
  }
  return { totp: removed, passkeys: removedKeys };
}
