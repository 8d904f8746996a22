import type { BatchListQueries } from '../infra/batch-list.ts';

/** One batch as a list shows it: the same fields as its status (`batchStatus`), with its program and end. */
export interface ListedBatch {
  batchId: string;
  programId: string;
  status: string;
  totalRecords: number;
  recordsProcessed: number;
  failureReason: string | null;
  created: Date;
  completed: Date | null;
}

/** The account's latest batches, newest first (at most `limit`). */
export async function listBatches(queries: BatchListQueries, accountId: string, limit = 50): Promise<ListedBatch[]> {
  const rows = await queries.list(accountId, limit);
  return rows.map((b) => ({
    batchId: b.id,
    programId: b.program_id,
    status: b.status,
    totalRecords: b.total_records,
    recordsProcessed: b.records_processed,
    failureReason: b.failure_reason,
    created: b.created_at,
    completed: b.completed_at,
  }));
}
