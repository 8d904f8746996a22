import { Worker } from 'node:worker_threads';

/** What the rest of the platform needs of PGlite. */
export interface PgliteHandle {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(script: string): Promise<void>;
  /** CHECKPOINT, close, and end the thread. */
  close(): Promise<void>;
}

type Reply = { id: number; error?: Record<string, unknown> & { message: string }; rows?: unknown[]; affectedRows?: number };

/**
 * PGlite in a worker thread of this process. Its WebAssembly memory then lives outside the main thread's
 * heap accounting, where it made the collector run full collections under upload load (see
 * docs/decisions/pglite-thread.md), and queries run on the second core while the main thread serves HTTP.
 */
export async function startPgliteThread(options: { dataDir: string | undefined; sharedBuffers: string }): Promise<PgliteHandle> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: options });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let next = 1;
  let failure: Error | undefined;

  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: (r) => (r.error ? reject(toError(r.error)) : resolve()), reject });
  });
  worker.on('message', (r: Reply) => {
    const p = pending.get(r.id);
    pending.delete(r.id);
    // The thread keeps the process alive only while a request waits on it.
    if (pending.size === 0) worker.unref();
    if (!p) return;
    if (r.error && r.id !== 0) p.reject(toError(r.error));
    else p.resolve(r);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The embedded store's thread ended (exit code ${code})`)));

  const call = (message: { op: string; sql?: string; params?: unknown[] }) => new Promise<Reply>((resolve, reject) => {
    if (failure) return reject(failure);
    const id = next++;
    pending.set(id, { resolve, reject });
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
      const r = await call({ op: 'query', sql, params });
      return { rows: r.rows as R[], affectedRows: r.affectedRows };
    },
    exec: async (script) => { await call({ op: 'exec', sql: script }); },
    close: async () => {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}

/** An Error carrying the database's fields (code, constraint, ...), as the PostgreSQL driver's errors do. */
function toError(data: Record<string, unknown> & { message: string }): Error {
  return Object.assign(new Error(data.message), data);
}
