import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate, openStore, type Store } from '../../src/platform/db/index.ts';
import { createPgBossQueue, type JobQueue } from '../../src/platform/jobs/index.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

let store: Store;
let jobs: JobQueue;
let pg: Awaited<ReturnType<typeof createPostgresDatabase>> | null = null;

beforeAll(async () => {
  pg = TEST_STORE === 'postgres' ? await createPostgresDatabase() : null;
  store = await openStore({ databaseUrl: pg?.url });
  await migrate(store);
  jobs = createPgBossQueue(store, { retryLimit: 3, retryDelaySeconds: 0, pollingIntervalSeconds: 0.5 });
  await jobs.start();
});
afterAll(async () => {
  await jobs?.stop();
  await store?.close();
  await pg?.drop();
});

/** A queue whose handler runs `run` (given the attempt number, from 1), recording attempts and give-ups. */
async function queue(name: string, run: (attempt: number) => Promise<void>) {
  const seen = { attempts: 0, givenUp: [] as { data: { n: number }; reason: string }[] };
  await jobs.work<{ n: number }>(
    name,
    async () => run(++seen.attempts),
    async (data, reason) => {
      seen.givenUp.push({ data, reason });
    },
  );
  await jobs.send(name, { n: 1 });
  return seen;
}

const jobState = async (name: string) =>
  (await sql<{ state: string }>`select state::text as state from pgboss.job where name = ${name}`.execute(store.db)).rows.map(
    (r) => r.state,
  );

describe('the job queue gives up only when retrying cannot help', () => {
  it('retries a transient failure (the store away for a moment), and the job succeeds without giving up', async () => {
    const seen = await queue('transient-then-ok', async (attempt) => {
      if (attempt === 1) throw Object.assign(new Error('terminating connection'), { code: '57P01', severity: 'FATAL' });
    });
    await until(
      () => jobState('transient-then-ok'),
      (s) => s.includes('completed'),
    );
    expect(seen.attempts).toBe(2);
    expect(seen.givenUp).toEqual([]);
  });

  it('gives up at once on a PostgreSQL data exception (class 22), with a reason that quotes no data', async () => {
    const seen = await queue('data-exception', async () => {
      await sql`select ${JSON.stringify({ name: 'secret\ud800' })}::jsonb`.execute(store.db);
    });
    await until(
      async () => seen.givenUp,
      (g) => g.length > 0,
    );
    expect(seen.givenUp).toEqual([
      { data: { n: 1 }, reason: 'the database refused a value it holds (SQLSTATE 22P02); retrying cannot help' },
    ]);
    expect(seen.attempts).toBe(1);
    expect(await jobState('data-exception')).toEqual(['failed']);
  });

  it('gives up once the retries of a job that keeps failing are used up', async () => {
    const seen = await queue('keeps-failing', async () => {
      throw new TypeError('cannot read person "Jane"');
    });
    await until(
      async () => seen.givenUp,
      (g) => g.length > 0,
    );
    expect(seen.attempts).toBe(4);
    expect(seen.givenUp).toEqual([{ data: { n: 1 }, reason: 'it kept failing until its retries were used up (last error: TypeError)' }]);
  });
});

describe("the job queue runs a queue's jobs at once when asked to", () => {
  it('with concurrency 3, three jobs that hang run together, each settled on its own', async () => {
    let running = 0;
    let peak = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const givenUp: number[] = [];
    await jobs.work<{ n: number }>(
      'hangs',
      async ({ n }) => {
        running++;
        peak = Math.max(peak, running);
        await gate;
        running--;
        if (n === 2) throw new Error('this one fails');
      },
      async ({ n }) => {
        givenUp.push(n);
      },
      { concurrency: 3 },
    );
    for (const n of [1, 2, 3]) await jobs.send('hangs', { n });
    // One worker would hold the first job and leave the others waiting behind it.
    await until(
      async () => running,
      (r) => r === 3,
    );
    release();
    await until(
      () => jobState('hangs'),
      (s) => s.filter((x) => x === 'completed').length === 2 && s.includes('failed'),
    );
    await until(
      async () => givenUp,
      (g) => g.length === 1,
    );
    expect(givenUp).toEqual([2]);
    expect(peak).toBe(3);
  });
});
