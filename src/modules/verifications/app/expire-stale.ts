import { AppError } from '../../../shared/errors.ts';
import { expiredState } from '../domain/verification.ts';
import type { VerificationsDeps } from './deps.ts';
import { endUnfinished } from './expire.ts';

/** How long a started verification waits for its person before it expires (SheerID: 7 days). */
export const UNFINISHED_LIFETIME_DAYS = 7;

/** Verifications ended per round; the next round takes the rest. */
const ROUND = 200;

/**
 * The sweep of abandoned verifications: one started more than 7 days ago (by the module's clock) and
 * still waiting for its person ends in `error` with `expiredVerification`, as `POST .../expire` would end
 * it; its documents are purged as after a decision, and webhooks are told with `notifierEventType`
 * `EXPIRATION`. A verification awaiting review is left to its reviewer: the person has done their part.
 * Answers how many it ended.
 */
export async function expireStaleVerifications(deps: VerificationsDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - UNFINISHED_LIFETIME_DAYS * 24 * 3600 * 1000);
  let ended = 0;
  for (const v of await deps.repo.findAbandoned(before, ROUND)) {
    const program = await deps.programs.load(v.programId);
    try {
      await endUnfinished(deps, v, program, expiredState(v, `${UNFINISHED_LIFETIME_DAYS} days after it started, unfinished`));
      ended++;
    } catch (e) {
      // Moved by a request meanwhile (its person came back, or it was expired on request): the next round looks again.
      if (!(e instanceof AppError && e.status === 409)) throw e;
    }
  }
  return ended;
}
