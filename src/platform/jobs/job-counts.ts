import { sql } from 'kysely';
import type { Database } from '../db/index.ts';

/** Jobs by queue and state, straight from pg-boss's table (for metrics; finished jobs stay until archived). */
export async function jobCounts(db: Database): Promise<{ queue: string; state: string; count: number }[]> {
  const { rows } = await sql<{ queue: string; state: string; count: number }>`
    select name as queue, state::text as state, count(*)::int as count from pgboss.job group by name, state`.execute(db);
  return rows;
}

/** Throws unless pg-boss's tables answer (readiness). */
export async function checkJobStore(db: Database): Promise<void> {
  await sql`select version from pgboss.version limit 1`.execute(db);
}
