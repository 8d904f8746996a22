import { sql } from 'kysely';
import type { Store } from '../db/index.ts';

/** Advisory lock keys of the work that one instance at a time does (the migrations' is in db/migrate.ts). */
export const LOCKS = {
  /** A round of the scheduler's sweeps (expiries, purges, reminder and warning mail). */
  sweeps: 0x766f756302,
} as const;

/**
 * Runs `work` unless another instance on the same PostgreSQL database is running work under the same
 * `lock`, in which case it returns `{ ran: false }` at once: a round skipped here is being done there.
 * The lock is a session advisory lock on a connection held for the duration, so it is released when the
 * work ends and also when the process dies (its connection closes). The embedded store is one process:
 * `work` simply runs.
 */
export async function runAlone<T>(store: Store, lock: number, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (store.kind !== 'postgres') return { ran: true, value: await work() };
  return store.db.connection().execute(async (conn) => {
    const got = await sql<{ got: boolean }>`select pg_try_advisory_lock(${lock}::bigint) as got`.execute(conn);
    if (!got.rows[0]?.got) return { ran: false } as const;
    try {
      return { ran: true, value: await work() } as const;
    } finally {
      await sql`select pg_advisory_unlock(${lock}::bigint)`.execute(conn).catch(() => undefined);
    }
  });
}
