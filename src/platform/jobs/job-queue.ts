import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import type { Database, Store } from '../db/index.ts';
import { describeFailure, isPermanentFailure } from './job-failure.ts';

export type JobHandler<T> = (data: T) => Promise<void>;

/**
 * What to do once a job has given up, with why (see `describeFailure`): mark what the job was making as
 * failed, so that nothing waits for it forever. Runs in a job of its own, so it is retried if it fails,
 * and may run more than once: it must change only what is still unfinished.
 */
export type GiveUpHandler<T> = (data: T, reason: string) => Promise<void>;

/**
 * The jobs port: durable background work, stored in the same database as the business data so that a
 * job can be enqueued inside the transaction of the change that asks for it.
 */
export interface JobQueue {
  /**
   * Runs `handler` for each job of `name`. A job that throws is retried with backoff, except after an
   * error that retrying cannot fix (`isPermanentFailure`); a job that gives up, for that or because its
   * retries ran out (errors or time-outs), is handed to `onGiveUp`.
   */
  work<T extends object>(name: string, handler: JobHandler<T>, onGiveUp: GiveUpHandler<T>, options?: WorkOptions): Promise<void>;
  /** Enqueues a job; with `exec` (a transaction) it commits or rolls back with the caller's change. */
  send<T extends object>(name: string, data: T, options?: { exec?: Database; startAfterSeconds?: number }): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkOptions {
  /**
   * Jobs of the queue this process runs at once (default 1): one worker each, claiming one job at a time,
   * so a job that hangs (a mail server that never answers) holds up only its own worker.
   */
  concurrency?: number;
}

export interface JobQueueOptions {
  pollingIntervalSeconds?: number;
  /** Retries after a job's first failure (default 10), and the first retry's delay in seconds (default 2, doubling; 0: at once). */
  retryLimit?: number;
  retryDelaySeconds?: number;
}

/** The queue a queue's given-up jobs go to (pg-boss's dead letter queue), with their data and last error. */
const givenUp = (name: string) => `${name}-given-up`;

/** pg-boss, talking through the store's Kysely instance (on PGlite, through its one connection). */
export function createPgBossQueue(store: Store, options: JobQueueOptions = {}): JobQueue {
  const executor = (exec: Database) => ({
    executeSql: async (text: string, values: unknown[] = []) => {
      // pg-boss may still write after its stop returned (a job that failed as the store was closing is
      // marked failed from a promise nobody awaits). Such a write can only fail, and losing it loses
      // nothing: the job was not completed, so it runs again after its expiry. It is dropped: the
      // promise never settles, because any answer (an error, or rows of the wrong shape) would surface
      // in pg-boss as an unhandled rejection, and nothing waits on it any more.
      if (stopped) return new Promise<never>(() => {});
      // pg-boss sends its schema migrations as parameterless multi-statement scripts.
      if (values.length === 0 && exec === store.db && /;\s*\S/.test(text.trim().replace(/;\s*$/, ''))) {
        await store.execScript(text);
        return { rows: [] };
      }
      try {
        const r = await exec.executeQuery(CompiledQuery.raw(text, values));
        return { rows: r.rows as unknown[], rowCount: Number(r.numAffectedRows ?? r.rows.length) };
      } catch (e) {
        if (stopped) return new Promise<never>(() => {}); // the store closed under it, as above
        throw e;
      }
    },
  });
  const boss = new PgBoss({ db: executor(store.db), schema: 'pgboss', supervise: true, schedule: false } as PgBoss.ConstructorOptions);
  const queues = new Set<string>();
  const workers = new Map<string, string[]>();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  // Workers poll every few seconds (on PGlite every poll takes the one connection); a job sent from this
  // process wakes its worker at once instead. A job sent inside a transaction is nudged a moment later,
  // once the short transaction has committed; if it has not, the next poll picks it up.
  const nudge = (name: string, delayMs: number) => {
    const ids = workers.get(name);
    if (ids)
      setTimeout(() => {
        if (started) for (const id of ids) boss.notifyWorker(id);
      }, delayMs).unref();
  };
  let started = false;
  /** Set once `stop` has returned: the store may close from then on. */
  let stopped = false;
  boss.on('error', () => {
    /* pg-boss retries its own maintenance; job failures are retried per job */
  });

  const ensureQueue = async (name: string) => {
    if (queues.has(name)) return;
    const retryDelay = options.retryDelaySeconds ?? 2;
    // With backoff pg-boss waits at least a second; a delay of 0 means retrying at once.
    const settings = {
      retryLimit: options.retryLimit ?? 10,
      retryDelay,
      retryBackoff: retryDelay > 0,
      expireInSeconds: 15 * 60,
      deadLetter: givenUp(name),
    };
    await boss.createQueue(givenUp(name), { name: givenUp(name) } as PgBoss.Queue);
    await boss.createQueue(name, { name, ...settings } as PgBoss.Queue);
    // A queue made by an earlier version or configuration keeps its settings unless they are updated.
    await boss.updateQueue(name, { name, ...settings } as PgBoss.Queue);
    queues.add(name);
  };

  // pg-boss retries a failed job while its retry count is under its limit; setting the count to the limit
  // makes this failure its last, so the job is failed for good and goes to its dead letter queue (with the
  // retries that queue's job copies from it, for the give-up handler).
  const lastAttempt = (name: string, id: string) =>
    store.db.executeQuery(CompiledQuery.raw('update pgboss.job set retry_count = retry_limit where name = $1 and id = $2', [name, id]));

  return {
    async start() {
      if (started) return;
      stopped = false;
      await boss.start();
      started = true;
    },
    async work<T extends object>(name: string, handler: JobHandler<T>, onGiveUp: GiveUpHandler<T>, workOptions: WorkOptions = {}) {
      await ensureQueue(name);
      const run = async (jobs: PgBoss.JobWithMetadata<T>[]) => {
        for (const job of jobs) {
          try {
            await handler(job.data);
          } catch (e) {
            const permanent = isPermanentFailure(e);
            if (permanent)
              await lastAttempt(name, job.id).catch(() => {
                /* then it is retried like any failure */
              });
            if (permanent || job.retryCount >= job.retryLimit) nudge(givenUp(name), 100);
            throw e;
          }
        }
      };
      // pg-boss 10 settles a batch as a whole (one failure fails every job of it), so concurrency comes
      // from several workers of one job each, as its documentation advises, rather than from batchSize.
      const ids: string[] = [];
      for (let i = 0; i < Math.max(1, workOptions.concurrency ?? 1); i++) {
        ids.push(await boss.work<T>(name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, run));
      }
      workers.set(name, ids);
      const deadId = await boss.work<T>(givenUp(name), { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) await onGiveUp(job.data, describeFailure(job.output));
      });
      workers.set(givenUp(name), [deadId]);
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
      stopped = true;
    },
  };
}
