import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Kysely, type KyselyConfig, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ChangeNotices } from './change-notices.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { explainFullDisk } from './disk-space.ts';
import { listenForChanges } from './pg-change-listener.ts';
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
  /**
   * Since when the store has stopped answering at all (a query went past its timeout and nothing came back
   * since); undefined while it answers. Only the embedded store can stall this way, and only a restart
   * mends it, so liveness reports it; PostgreSQL being away is a matter of readiness, not of this process.
   */
  stalledSince(): number | undefined;
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
  /** How long one statement may run before it fails (PostgreSQL's statement_timeout; the embedded store's own). */
  queryTimeoutMs?: number;
  /** PostgreSQL: how long opening a connection may take before the query waiting for it fails. */
  connectTimeoutMs?: number;
  /** The embedded store on disk: flush each commit to the disk (fsync), so that it survives a power loss, not only a crash. */
  pgliteFsync?: boolean;
  /** Told the text of every statement sent (BEGIN and COMMIT included): how tests and benchmarks count round trips. */
  onStatement?: (sql: string) => void;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export async function openStore(options: StoreOptions): Promise<Store> {
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  return options.databaseUrl
    ? openPostgres(
        options.databaseUrl,
        options.poolSize ?? 10,
        queryTimeoutMs,
        options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        options.onStatement,
      )
    : openPglite(
        options.dataDir,
        options.pgliteSharedBuffers ?? DEFAULT_PGLITE_SHARED_BUFFERS,
        queryTimeoutMs,
        options.pgliteFsync ?? false,
        options.onStatement,
      );
}

/** Kysely's log option for `onStatement`: statements only, none when nobody listens. */
const statementLog = (onStatement?: (sql: string) => void): KyselyConfig['log'] =>
  onStatement
    ? (event) => {
        if (event.level === 'query') onStatement(event.query.sql);
      }
    : undefined;

async function openPostgres(
  url: string,
  max: number,
  queryTimeoutMs: number,
  connectTimeoutMs: number,
  onStatement?: (sql: string) => void,
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A database that is down or unreachable fails requests quickly (503) instead of holding them.
    connectionTimeoutMillis: connectTimeoutMs,
    // The server ends a statement that runs too long; the client gives up on one whose answer never comes
    // (a frozen server), a little later so the server's own error wins when it can answer.
    statement_timeout: queryTimeoutMs,
    query_timeout: queryTimeoutMs + 1000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? Number : oid === DATE ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, failover, a dropped database) is discarded by the pool
  // and replaced on the next query; without a listener the pool's 'error' event would end the process.
  pool.on('error', () => {});
  // The same for a connection that breaks while checked out (a restart, a failover, a cut network): the
  // query on it fails (503 to the caller), the pool drops it, and the next query opens a new one. Without a
  // listener on every client the 'error' event would end the process, and every instance with it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: statementLog(onStatement) });
  const stopListening = listenForChanges(url, pool, ChangeNotices.of(db));
  return {
    kind: 'postgres',
    db,
    // Scripts (migrations) may take longer than one request's statement.
    execScript: async (script) => {
      const client = await pool.connect();
      try {
        await client.query('set statement_timeout = 0');
        await client.query(script);
      } finally {
        await client.query('reset statement_timeout').catch(() => {});
        client.release();
      }
    },
    stalledSince: () => undefined,
    close: async () => {
      await stopListening();
      await db.destroy();
    },
  };
}

/**
 * PostgreSQL's default (128MB) is sized for a dedicated server; inside PGlite it is resident memory of the
 * Vouch process from the start. 32MB costs no measured throughput (see docs/benchmarks.md).
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(
  dataDir: string | undefined,
  sharedBuffers: string,
  queryTimeoutMs: number,
  fsync: boolean,
  onStatement?: (sql: string) => void,
): Promise<Store> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const pglite = await startPgliteThread({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      sharedBuffers,
      queryTimeoutMs,
      fsync,
    }).catch(async (e) => {
      throw dataDir ? await explainFullDisk(e, dataDir) : e;
    });
    const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite), log: statementLog(onStatement) });
    await refuseOtherVersion(db, dataDir);
    return {
      kind: 'pglite',
      db,
      execScript: (script) =>
        db.connection().execute(async () => {
          await pglite.exec(script);
        }),
      stalledSince: () => pglite.stalledSince(),
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
