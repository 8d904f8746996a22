import { sql } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';

/** Re-verification batches and their records; reads by id take the account. */
export class BatchesRepository extends Repository {
  /** The batch and all its records, in one transaction, with the job that will process it. */
  /** How many verifications the account's batches created since `since` hold. */
  async recordsSince(exec: Database, accountId: string, since: Date): Promise<number> {
    const r = await exec
      .selectFrom('reverify_batches')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('total_records'), eb.val('0')).as('n'))
      .where('account_id', '=', accountId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async create(
    batch: { id: string; account_id: string; program_id: string; total_records: number; requested_by: string },
    ids: string[],
    enqueue: (trx: Database) => Promise<void>,
  ) {
    await this.transaction(async (trx) => {
      await trx
        .insertInto('reverify_batches')
        .values({ ...batch, status: 'PENDING' })
        .execute();
      for (let i = 0; i < ids.length; i += 5000) {
        await trx
          .insertInto('reverify_records')
          .values(ids.slice(i, i + 5000).map((verification_id, j) => ({ batch_id: batch.id, position: i + j, verification_id })))
          .execute();
      }
      await enqueue(trx);
    });
  }

  find(accountId: string, id: string) {
    return this.db.selectFrom('reverify_batches').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  }

  findById(id: string, exec: Database = this.db) {
    return exec.selectFrom('reverify_batches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  unfinished() {
    return this.db.selectFrom('reverify_batches').select('id').where('status', 'in', ['PENDING', 'RUNNING']).execute();
  }

  async markRunning(id: string) {
    await this.db.updateTable('reverify_batches').set({ status: 'RUNNING' }).where('id', '=', id).where('status', '=', 'PENDING').execute();
  }

  /** Fails an unfinished batch with the reason the API shows; true when this call did it. */
  async markFailed(exec: Database, id: string, reason: string, now: Date): Promise<boolean> {
    const r = await exec
      .updateTable('reverify_batches')
      .set({ status: 'FAILED', failure_reason: reason, completed_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['PENDING', 'RUNNING'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * The next unprocessed records, in order (read without locks; the write re-checks them). None once the
   * batch has ended: a run still going when its batch was failed (its job timed out) stops there.
   */
  nextTodo(batchId: string, limit: number) {
    return this.db
      .selectFrom('reverify_records')
      .select(['position', 'verification_id'])
      .where('batch_id', '=', batchId)
      .where('outcome', 'is', null)
      .where((eb) =>
        eb.exists(eb.selectFrom('reverify_batches').select('id').where('id', '=', batchId).where('status', 'in', ['PENDING', 'RUNNING'])),
      )
      .orderBy('position')
      .limit(limit)
      .execute();
  }

  /**
   * Locks the given records that are still unprocessed; a record another worker finished meanwhile is
   * not returned, so it is never processed twice.
   */
  async lockTodo(exec: Database, batchId: string, positions: number[]) {
    const rows = await exec
      .selectFrom('reverify_records')
      .select('position')
      .where('batch_id', '=', batchId)
      .where('position', 'in', positions)
      .where('outcome', 'is', null)
      .forUpdate()
      .skipLocked()
      .execute();
    return new Set(rows.map((r) => r.position));
  }

  async markProcessed(exec: Database, batchId: string, done: { position: number; outcome: string; newId: string | null }[], now: Date) {
    if (done.length === 0) return;
    const values = sql.join(done.map((d) => sql`(${d.position}::int, ${d.outcome}::text, ${d.newId}::text)`));
    await sql`update reverify_records r set outcome = v.outcome, new_verification_id = v.new_id, processed_at = ${now}
      from (values ${values}) as v(position, outcome, new_id)
      where r.batch_id = ${batchId} and r.position = v.position`.execute(exec);
    // A batch that has ended (failed meanwhile) keeps its status.
    await sql`update reverify_batches set records_processed = records_processed + ${done.length},
      status = case when status = 'PENDING' then 'RUNNING' else status end
      where id = ${batchId}`.execute(exec);
  }

  /**
   * Fresh planner statistics for what a batch just wrote. The sample of the wide verifications table is
   * kept small: ANALYZE holds its sampled rows in memory (300 per unit of the statistics target), and the
   * embedded store keeps that memory resident after it is freed.
   */
  async analyze() {
    await sql`analyze reverify_records`.execute(this.db);
    await this.transaction(async (tx) => {
      await sql`set local default_statistics_target = 10`.execute(tx);
      await sql`analyze verifications`.execute(tx);
    });
  }

  /** Completes the batch once no record is left; true when this call completed it. */
  async completeIfDone(exec: Database, batchId: string, now: Date): Promise<boolean> {
    const r = await sql`update reverify_batches set status = 'COMPLETE', completed_at = ${now}
      where id = ${batchId} and status in ('PENDING', 'RUNNING')
        and not exists (select 1 from reverify_records where batch_id = ${batchId} and outcome is null)`.execute(exec);
    return Number(r.numAffectedRows ?? 0) === 1;
  }
}
