import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import type { Database, Store } from '../db/index.ts';

export type JobHandler<T> = (data: T) => Promise<void>;

/**
 * The jobs port: durable background work, stored in the same database as the business data so that a
 * job can be enqueued inside the transaction of the change that asks for it.
 */
export interface JobQueue {
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Enqueues a job; with `exec` (a transaction) it commits or rolls back with the caller's change. */
  send<T extends object>(name: string, data: T, options?: { exec?: Database; startAfterSeconds?: number }): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** pg-boss, talking through the store's Kysely instance (on PGlite, through its one connection). */
export function createPgBossQueue(store: Store, options: { pollingIntervalSeconds?: number } = {}): JobQueue {
  const executor = (exec: Database) => ({
    executeSql: async (text: string, values: unknown[] = []) => {
      // pg-boss sends its schema migrations as parameterless multi-statement scripts.
      if (values.length === 0 && exec === store.db && /;\s*\S/.test(text.trim().replace(/;\s*$/, ''))) {
        await store.execScript(text);
        return { rows: [] };
      }
      const r = await exec.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows as unknown[], rowCount: Number(r.numAffectedRows ?? r.rows.length) };
    },
  });
  const boss = new PgBoss({ db: executor(store.db), schema: 'pgboss', supervise: true, schedule: false } as PgBoss.ConstructorOptions);
  const queues = new Set<string>();
  const workers = new Map<string, string>();
  // Workers poll every few seconds (on PGlite every poll takes the one connection); a job sent from this
  // process wakes its worker at once instead. A job sent inside a transaction is nudged a moment later,
  // once the short transaction has committed; if it has not, the next poll picks it up.
  const nudge = (name: string, delayMs: number) => {
    const id = workers.get(name);
    if (id) setTimeout(() => { if (started) boss.notifyWorker(id); }, delayMs).unref();
  };
  let started = false;
  boss.on('error', () => { /* pg-boss retries its own maintenance; job failures are retried per job */ });

  const ensureQueue = async (name: string) => {
    if (queues.has(name)) return;
    await boss.createQueue(name, { name, retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 * 60 } as PgBoss.Queue);
    queues.add(name);
  };

  return {
    async start() {
      if (started) return;
      await boss.start();
      started = true;
    },
    async work(name, handler) {
      await ensureQueue(name);
      const id = await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
      workers.set(name, id);
    },
    async send(name, data, opts = {}) {
      await ensureQueue(name);
      await boss.send(name, data, {
        ...(opts.exec ? { db: executor(opts.exec) } : {}),
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      });
      if (!opts.startAfterSeconds) nudge(name, opts.exec ? 50 : 0);
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
