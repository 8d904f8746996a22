import type { VouchModule } from '../../platform/module.ts';
import type { VerificationsDeps } from './app/deps.ts';
import { expireStaleVerifications } from './app/expire-stale.ts';
import { remindUnfinished } from './app/remind.ts';
import { type DocumentReader, registerReviewRoutes } from './http/review-routes.ts';
import { registerVerificationRoutes } from './http/routes.ts';

/**
 * The eligibility engine: the verification routes (start, steps, reads, the account's changes) and
 * document review, and the sweeps that tell of verifications left unfinished for 15 minutes and end them after 7 days.
 */
export const createVerificationsModule = (deps: VerificationsDeps, documents: DocumentReader): VouchModule => ({
  name: 'verifications',
  routes: async (app) => {
    await registerVerificationRoutes(app, deps);
    registerReviewRoutes(app, deps, documents);
  },
  sweeps: [
    { what: 'verification expiry', run: () => expireStaleVerifications(deps) },
    { what: 'verification reminders', run: () => remindUnfinished(deps) },
  ],
});
