import type { Database } from './store.ts';

/**
 * Whether the store takes a write now: one committed upsert of a heartbeat row in `vouch_meta`. `select 1`
 * passes on a database that refuses every write (read-only, or its disk full); a commit also has to reach
 * the database's log. An upsert of one row that exists cannot see a full disk of the embedded store, though
 * (it fits in its page): readiness checks the disk's free space beside it.
 */
export async function probeStoreWrite(db: Database): Promise<void> {
  await db
    .insertInto('vouch_meta')
    .values({ key: 'ready_probe', value: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}
