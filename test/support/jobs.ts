import type { Database } from '../../src/platform/db/index.ts';
import { jobCounts } from '../../src/platform/jobs/index.ts';
import { until } from './wait.ts';

/**
 * Resolves once no job of `queue` is waiting, waiting for a retry or running: whatever the queue was going to
 * do (send a mail, say) is done. A test that checks that something did NOT happen waits for this, not for a
 * time: a sleep is too short on a busy machine and needlessly long on an idle one.
 */
export function jobsSettled(db: Database, queue: string, ms = 30_000) {
  return until(
    () => jobCounts(db),
    (rows) => !rows.some((r) => r.queue === queue && r.count > 0 && ['created', 'retry', 'active'].includes(r.state)),
    ms,
    100,
  );
}
