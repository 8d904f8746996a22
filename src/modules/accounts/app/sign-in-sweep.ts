import type { AccountsDeps } from './deps.ts';

/** Rows that ended or expired are kept a day (to read what happened), then deleted. */
const KEEP_MS = 24 * 60 * 60_000;

/** Deletes console sessions, mailed links and challenges that ended or expired over a day ago; how many went. */
export const sweepConsoleSignIns = (deps: AccountsDeps): Promise<number> =>
  deps.people.sweep(new Date(deps.clock.now().getTime() - KEEP_MS));
