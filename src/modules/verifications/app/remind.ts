import type { Database } from '../../../platform/db/index.ts';
import type { VerificationsDeps } from './deps.ts';
import { UNFINISHED_LIFETIME_DAYS } from './expire-stale.ts';
import { verificationEvent } from './webhook-events.ts';

/** How long after its start an unfinished verification is told as such (SheerID's REMINDER: about 15 minutes). */
export const REMINDER_AFTER_MINUTES = 15;

/** Verifications told per round; the next round takes the rest. */
const ROUND = 200;

/**
 * The reminder sweep: a verification started more than 15 minutes ago (by the module's clock) and still
 * waiting for its person is told once to webhooks (`verification.reminder`, `notifierEventType`
 * `REMINDER`), so that the integrator can remind the person. One already expired is not. Answers how many
 * were told.
 */
export async function remindUnfinished(deps: VerificationsDeps): Promise<number> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - REMINDER_AFTER_MINUTES * 60 * 1000);
  const after = new Date(now.getTime() - UNFINISHED_LIFETIME_DAYS * 24 * 3600 * 1000);
  let told = 0;
  for (const v of await deps.repo.findUnreminded(after, before, ROUND)) {
    await deps.repo.transaction(async (trx: Database) => {
      if (!(await deps.repo.claimReminder(trx, v.id, now))) return;
      await deps.events.emit(trx, verificationEvent(v, 'verification.reminder'));
      told++;
    });
  }
  return told;
}
