import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { PGLITE_VERSION, type Store } from './store.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/**
 * Applies the plain `.sql` files of `migrations/` in name order, each in its own transaction, once.
 * The same files run on PGlite and PostgreSQL. Returns the names applied by this call.
 */
export async function migrate(store: Store): Promise<string[]> {
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
    // Concurrent starters on PostgreSQL: the primary key on schema_migrations makes the loser roll back.
    await store.execScript(`begin;\n${body}\n;insert into schema_migrations (name) values ('${file.replace(/'/g, "''")}');\ncommit;`);
    applied.push(file);
  }
  if (store.kind === 'pglite') {
    await sql`insert into vouch_meta (key, value) values ('pglite_version', ${PGLITE_VERSION})
      on conflict (key) do update set value = excluded.value`.execute(store.db);
  }
  return applied;
}
