import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Which store the integration tests run on: the embedded PGlite (default) or PostgreSQL (VOUCH_TEST_STORE=postgres). */
export const TEST_STORE = process.env.VOUCH_TEST_STORE === 'postgres' ? 'postgres' : 'pglite';
const ADMIN_URL = process.env.VOUCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database for one test file, dropped afterwards. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vouch_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
