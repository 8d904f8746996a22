import { CommonErrors } from '../../../shared/errors.ts';
import { HEX24 } from '../../../shared/ids.ts';
import type { Principal } from '../../../shared/principal.ts';
import { ReverifyErrors } from '../error-codes.ts';
import { MAX_BATCH, REVERIFY_JOB, type ReverifyDeps } from './deps.ts';

/**
 * `POST /verification/reverify`: a batch of earlier verifications of one program to re-check. The batch,
 * its records and the job that processes them are stored in one transaction; bad input stores nothing.
 */
export async function createBatch(deps: ReverifyDeps, principal: Principal, body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ReverifyErrors.missing();
  const extra = Object.keys(body).find((k) => k !== 'programId' && k !== 'verificationIds');
  if (extra) throw CommonErrors.invalidRequest(`Unexpected property '${extra}', expected one of: programId, verificationIds`);
  const { programId, verificationIds } = body as { programId?: unknown; verificationIds?: unknown };
  if (typeof programId !== 'string' || !Array.isArray(verificationIds) || verificationIds.length === 0) throw ReverifyErrors.missing();
  if (verificationIds.length > MAX_BATCH) throw ReverifyErrors.tooMany(MAX_BATCH, verificationIds.length);
  verificationIds.forEach((id, i) => {
    if (typeof id !== 'string' || !HEX24.test(id)) throw ReverifyErrors.badId(i, id);
  });
  const program = await deps.loadProgram(programId, principal.accountId);

  const batchId = deps.ids.hex32();
  await deps.repo.create(
    {
      id: batchId,
      account_id: principal.accountId,
      program_id: program.id,
      total_records: verificationIds.length,
      requested_by: principal.tokenId,
    },
    verificationIds as string[],
    (trx) => deps.jobs.send(REVERIFY_JOB, { batchId }, { exec: trx }),
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
