import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { startPgliteThread } from './pglite-thread.ts';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

/** An open store: the query builder plus the few things that differ between PGlite and PostgreSQL. */
export interface Store {
  kind: 'pglite' | 'postgres';
  db: Database;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
}

/** The exact PGlite release (pinned in package.json); recorded in the data directory it writes. */
export const PGLITE_VERSION: string = (() => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
  return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
})();

// int8 as a JS number (ids and counts stay far below 2^53) and `date` as its 'YYYY-MM-DD' text, on both stores.
const INT8 = 20;
const DATE = 1082;

export interface StoreOptions {
  databaseUrl?: string;
  /** Directory of the embedded store; undefined means an in-memory PGlite (tests, benchmarks). */
  dataDir?: string;
  poolSize?: number;
  /** PostgreSQL's shared_buffers inside PGlite, e.g. '32MB'; the memory is taken at open and never given back. */
  pgliteSharedBuffers?: string;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir, options.pgliteSharedBuffers ?? DEFAULT_PGLITE_SHARED_BUFFERS);
}

async function openPostgres(url: string, max: number): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? Number : oid === DATE ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, failover, a dropped database) is discarded by the pool
  // and replaced on the next query; without a listener the pool's 'error' event would end the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    execScript: async (script) => { await pool.query(script); },
    close: () => db.destroy(),
  };
}

/**
 * PostgreSQL's default (128MB) is sized for a dedicated server; inside PGlite it is resident memory of the
 * Vouch process from the start. 32MB costs no measured throughput (see docs/benchmarks.md).
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(dataDir: string | undefined, sharedBuffers: string): Promise<Store> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const pglite = await startPgliteThread({ dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined, sharedBuffers });
    const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
    await refuseOtherVersion(db, dataDir);
    return {
      kind: 'pglite',
      db,
      execScript: (script) => db.connection().execute(async () => { await pglite.exec(script); }),
      close: async () => {
        await db.connection().execute(() => pglite.close());
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

async function refuseOtherVersion(db: Database, dataDir: string | undefined) {
  const { rows } = await sql<{ value: string }>`
    select value from vouch_meta where key = 'pglite_version' and to_regclass('vouch_meta') is not null`
    .execute(db)
    .catch(() => ({ rows: [] as { value: string }[] }));
  const recorded = rows[0]?.value;
  if (recorded && recorded !== PGLITE_VERSION) {
    throw new Error(
      `The data directory ${dataDir} was written by PGlite ${recorded}, this Vouch runs PGlite ${PGLITE_VERSION}. ` +
        'Open it with the Vouch release that wrote it, export it with pg_dump (see docs/operations.md), and import it here.',
    );
  }
}
