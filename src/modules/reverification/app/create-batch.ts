import type { Principal } from '../../../shared/principal.ts';
import { ReverifyErrors } from '../error-codes.ts';
import { REVERIFY_JOB, type ReverifyDeps } from './deps.ts';

/** The body of `POST /verification/reverify`, its shape checked at the route (http/schemas.ts). */
export interface BatchInput {
  programId: string;
  /** 1 to MAX_BATCH ids of 24 hexadecimal characters. */
  verificationIds: string[];
}

/**
 * `POST /verification/reverify`: a batch of earlier verifications of one program to re-check. The batch,
 * its records and the job that processes them are stored in one transaction; bad input stores nothing, nor
 * does a batch that would take the account past its daily limit (`reverificationDailyLimitExceeded`).
 */
export async function createBatch(deps: ReverifyDeps, principal: Principal, { programId, verificationIds }: BatchInput) {
  const program = await deps.loadProgram(programId, principal.accountId);

  const batchId = deps.ids.hex32();
  const now = deps.clock.now();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  await deps.repo.create(
    {
      id: batchId,
      account_id: principal.accountId,
      program_id: program.id,
      total_records: verificationIds.length,
      requested_by: principal.tokenId,
    },
    verificationIds,
    async (trx) => {
      // Counted in the transaction that adds the batch, after it: a batch that passes the day's limit is not kept.
      if ((await deps.repo.recordsSince(trx, principal.accountId, dayStart)) > deps.dailyLimit)
        throw ReverifyErrors.dailyLimit(deps.dailyLimit);
      await deps.jobs.send(REVERIFY_JOB, { batchId }, { exec: trx });
    },
  );
  return {
    batchId,
    statusUrl: `${deps.publicUrl}/rest/v2/verification/reverify/${batchId}`,
    reportUrl: `${deps.publicUrl}/rest/v2/report/reverify/${batchId}`,
  };
}

export async function batchStatus(deps: ReverifyDeps, principal: Principal, batchId: string) {
  const b = await deps.repo.find(principal.accountId, batchId);
  if (!b) throw ReverifyErrors.unknownBatch(batchId);
  return {
    batchId: b.id,
    created: b.created_at.getTime(),
    status: b.status,
    totalRecords: b.total_records,
    recordsProcessed: b.records_processed,
    ...(b.failure_reason ? { failureReason: b.failure_reason } : {}),
  };
}
