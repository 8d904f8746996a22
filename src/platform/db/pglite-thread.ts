import { Worker } from 'node:worker_threads';
import { StoreErrors } from './store-errors.ts';

/** What the rest of the platform needs of PGlite. */
export interface PgliteHandle {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(script: string): Promise<void>;
  /** Since when a request has gone unanswered past the query timeout (the thread is stuck); undefined while it answers. */
  stalledSince(): number | undefined;
  /** CHECKPOINT, close, and end the thread. */
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 15_000;

type Reply = {
  id: number;
  error?: Record<string, unknown> & { message: string };
  rows?: Record<string, unknown>[];
  affectedRows?: number;
  /** Columns of json or jsonb type, sent as their text. */
  json?: string[];
};

export interface PgliteThreadOptions {
  dataDir: string | undefined;
  sharedBuffers: string;
  /** How long one query may go unanswered before it fails (scripts such as migrations are not limited). */
  queryTimeoutMs: number;
  /** Flush commits to the disk (see pglite-worker.mjs); PGlite's own default leaves them in the OS's cache. */
  fsync: boolean;
}

/**
 * PGlite in a worker thread of this process. Its WebAssembly memory then lives outside the main thread's
 * heap accounting, where it made the collector run full collections under upload load (see
 * docs/decisions/pglite-thread.md), and queries run on the second core while the main thread serves HTTP.
 *
 * The one connection must never wait for a reply that will not come: a query unanswered after its timeout
 * fails (the caller's transaction is rolled back behind it, in order), a reply the main thread cannot
 * receive fails the request it answers, and `stalledSince` tells the health check the thread is stuck.
 */
export async function startPgliteThread(options: PgliteThreadOptions): Promise<PgliteHandle> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: options });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; what?: string }>();
  let next = 1;
  let failure: Error | undefined;
  let stalledSince: number | undefined;

  // Each request still waiting is failed with what it asked, so that an error nobody handles names its query.
  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending.values())
      p.reject(p.what ? Object.assign(new Error(`${failure.message}, under: ${p.what}`), failure) : failure);
    pending.clear();
  };
  const settle = (id: number, outcome: (p: { resolve: (r: Reply) => void; reject: (e: Error) => void }) => void) => {
    const p = pending.get(id);
    pending.delete(id);
    // The thread keeps the process alive only while a request waits on it.
    if (pending.size === 0) worker.unref();
    if (p) outcome(p);
  };
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: (r) => (r.error ? reject(toError(r.error)) : resolve()), reject });
  });
  worker.on('message', (r: Reply) => {
    stalledSince = undefined; // the thread answers again
    settle(r.id, (p) => (r.error && r.id !== 0 ? p.reject(toError(r.error)) : p.resolve(r)));
  });
  // A reply that could not be received. The thread answers in the order it was asked, so it is the reply
  // to the oldest request still waiting.
  worker.on('messageerror', (e) => {
    const oldest = pending.keys().next();
    if (!oldest.done) settle(oldest.value, (p) => p.reject(new Error(`The embedded store's reply could not be received: ${e.message}`)));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The embedded store's thread ended (exit code ${code})`)));

  const call = (message: { op: string; sql?: string; params?: unknown[] }, timeoutMs?: number) =>
    new Promise<Reply>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      let timer: NodeJS.Timeout | undefined;
      const done =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          f(v);
        };
      pending.set(id, { resolve: done(resolve), reject: done(reject), what: `${message.op} ${(message.sql ?? '').slice(0, 80)}` });
      if (timeoutMs) {
        timer = setTimeout(() => {
          stalledSince ??= Date.now() - timeoutMs;
          settle(id, (p) => p.reject(StoreErrors.queryTimeout(timeoutMs)));
        }, timeoutMs);
      }
      worker.ref();
      worker.postMessage({ id, ...message });
    });

  try {
    await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return {
    query: async <R>(sql: string, params: unknown[]) => {
      const r = await call({ op: 'query', sql, params }, options.queryTimeoutMs);
      const rows = r.rows ?? [];
      for (const column of r.json ?? []) {
        for (const row of rows) if (typeof row[column] === 'string') row[column] = JSON.parse(row[column] as string);
      }
      return { rows: rows as R[], affectedRows: r.affectedRows };
    },
    exec: async (script) => {
      await call({ op: 'exec', sql: script });
    },
    stalledSince: () => stalledSince,
    close: async () => {
      // A checkpoint may take longer than one query; a thread that is stuck still ends.
      await call({ op: 'close' }, Math.max(options.queryTimeoutMs, CLOSE_TIMEOUT_MS)).finally(() => worker.terminate());
    },
  };
}

/** An Error carrying the database's fields (code, constraint, ...), as the PostgreSQL driver's errors do. */
function toError(data: Record<string, unknown> & { message: string }): Error {
  return Object.assign(new Error(data.message), data);
}
