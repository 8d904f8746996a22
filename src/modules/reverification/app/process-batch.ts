import { batchCompleteEvent } from './batch-events.ts';
import { REVERIFY_JOB, type ReverifyDeps } from './deps.ts';
import { failBatch } from './fail-batch.ts';

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The job: processes a batch chunk by chunk. Each chunk's decisions are made outside a transaction (they
 * only read), then its records are locked, re-checked as unprocessed and written with their new
 * verifications in one short transaction. A crash loses at most the chunk in flight, which the next run
 * redoes; a record is never processed twice. Between chunks the store is free for API requests.
 */
export async function processBatch(deps: ReverifyDeps, batchId: string) {
  const batch = await deps.repo.findById(batchId);
  if (!batch || batch.status === 'COMPLETE' || batch.status === 'FAILED') return;
  let program;
  try {
    program = await deps.loadProgram(batch.program_id);
  } catch {
    await failBatch(deps, batchId, `Program '${batch.program_id}' no longer exists`);
    return;
  }
  await deps.repo.markRunning(batchId);
  for (;;) {
    const todo = await deps.repo.nextTodo(batchId, deps.chunkSize);
    if (todo.length === 0) break;
    const prepared = await deps.prepare(
      program,
      batchId,
      todo.map((t) => t.verification_id),
    );
    await deps.repo.transaction(async (trx) => {
      const locked = await deps.repo.lockTodo(
        trx,
        batchId,
        todo.map((t) => t.position),
      );
      const mine = todo.map((t, i) => ({ t, p: prepared[i] })).filter(({ t }) => locked.has(t.position));
      await deps.store(
        trx,
        mine.map(({ p }) => p),
      );
      await deps.repo.markProcessed(
        trx,
        batchId,
        mine.map(({ t, p }) => ({ position: t.position, outcome: p.outcome, newId: p.row?.id ?? null })),
        deps.clock.now(),
      );
    });
    await yieldToOthers();
  }
  const completed = await deps.repo.transaction(async (trx) => {
    const done = await deps.repo.completeIfDone(trx, batchId, deps.clock.now());
    if (done) {
      await deps.onBatchEnd(trx, batchId);
      const event = await batchCompleteEvent(deps.repo, trx, batchId, deps.publicUrl);
      if (event) await deps.events.emit(trx, event);
    }
    return done;
  });
  // Fresh statistics for the report queries: PGlite never runs autovacuum, and a server may not yet have.
  if (completed) await deps.repo.analyze();
}

/**
 * Registers the job (a batch whose job gives up fails, keeping the records it processed) and re-enqueues
 * batches a stopped process left unfinished (duplicates are harmless).
 */
export async function startReverifyWorker(deps: ReverifyDeps) {
  await deps.jobs.work<{ batchId: string }>(
    REVERIFY_JOB,
    (data) => processBatch(deps, data.batchId),
    (data, reason) => failBatch(deps, data.batchId, `The batch could not be processed: ${reason}`),
  );
  for (const { id } of await deps.repo.unfinished()) await deps.jobs.send(REVERIFY_JOB, { batchId: id });
}
