import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Which store the integration tests run on: the embedded PGlite (default) or PostgreSQL (VOUCH_TEST_STORE=postgres). */
export const TEST_STORE = process.env.VOUCH_TEST_STORE === 'postgres' ? 'postgres' : 'pglite';
const ADMIN_URL = process.env.VOUCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh PostgreSQL database (for one test file or one benchmark run), dropped by `drop()`. The admin URL
 * defaults to the tests' one; `prefix` names what made it, so a leftover is recognisable.
 */
export async function createPostgresDatabase(adminUrl = ADMIN_URL, prefix = 'vouch_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query(`create database ${name}`).finally(() => admin.end());
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
    },
  };
}

/** The same for a benchmark: null, with a note, when the server cannot be reached (that store is skipped). */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  try {
    return await createPostgresDatabase(adminUrl, 'vouch_bench');
  } catch (e) {
    console.log(
      `PostgreSQL skipped: cannot use ${new URL(adminUrl).host} (${(e as Error).message}). Set BENCH_DATABASE_URL to an admin URL.`,
    );
    return null;
  }
}
