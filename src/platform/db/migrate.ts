import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { PGLITE_VERSION, type Store } from './store.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** The advisory lock instances starting together on one PostgreSQL database take around their migrations. */
export const MIGRATION_LOCK = 0x766f756301;

/**
 * Applies the plain `.sql` files of `migrations/` in name order, each in its own transaction, once.
 * The same files run on PGlite and PostgreSQL. Returns the names applied by this call.
 *
 * On PostgreSQL several instances may start at once: the first takes a session advisory lock and
 * migrates, the others wait for it, then find everything applied and go on. Without the lock two
 * starters would run the same script together and one would fail its start on a duplicate table or key.
 * (PGlite is one process; its data directory is locked by it.)
 */
export async function migrate(store: Store): Promise<string[]> {
  if (store.kind !== 'postgres') return migrateNow(store);
  return store.db.connection().execute(async (conn) => {
    // The wait lasts as long as another instance's migrations: no statement timeout on it.
    await sql`set statement_timeout = 0`.execute(conn);
    await sql`select pg_advisory_lock(${MIGRATION_LOCK}::bigint)`.execute(conn);
    try {
      return await migrateNow(store);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK}::bigint)`.execute(conn).catch(() => undefined);
      await sql`reset statement_timeout`.execute(conn).catch(() => undefined);
    }
  });
}

async function migrateNow(store: Store): Promise<string[]> {
  await store.execScript(`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`);
  const done = new Set(
    (
      await store.db
        .selectFrom('schema_migrations' as never)
        .select('name' as never)
        .execute()
    ).map((r) => (r as { name: string }).name),
  );
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const body = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    await store.execScript(`begin;\n${body}\n;insert into schema_migrations (name) values ('${file.replace(/'/g, "''")}');\ncommit;`);
    applied.push(file);
  }
  if (store.kind === 'pglite') {
    await sql`insert into vouch_meta (key, value) values ('pglite_version', ${PGLITE_VERSION})
      on conflict (key) do update set value = excluded.value`.execute(store.db);
  }
  return applied;
}
