import type { Database } from '../../../platform/db/index.ts';
import type { WebhookEvent } from '../../webhooks/index.ts';
import type { BatchesRepository } from '../infra/batches-repository.ts';

/** The `reverification.complete` event of a batch, read in the transaction that completes it. */
export async function batchCompleteEvent(
  repo: BatchesRepository,
  exec: Database,
  batchId: string,
  publicUrl: string,
): Promise<WebhookEvent | undefined> {
  const b = await repo.findById(batchId, exec);
  if (!b) return undefined;
  return {
    accountId: b.account_id,
    type: 'reverification.complete',
    subjectId: b.id,
    payload: {
      batchId: b.id,
      programId: b.program_id,
      status: b.status,
      totalRecords: b.total_records,
      statusUrl: `${publicUrl}/rest/v2/verification/reverify/${b.id}`,
    },
  };
}
