import type { ReverifyDeps } from './deps.ts';

/**
 * Ends an unfinished batch that cannot go on: FAILED with the reason (`failureReason` in its status), and,
 * in the same transaction, reports waiting for it are told, so they fail too instead of waiting for ever.
 * The records processed so far keep their new verifications. A batch already ended is left as it is.
 */
export async function failBatch(deps: ReverifyDeps, batchId: string, reason: string) {
  await deps.repo.transaction(async (trx) => {
    if (await deps.repo.markFailed(trx, batchId, reason, deps.clock.now())) await deps.onBatchEnd(trx, batchId);
  });
}
