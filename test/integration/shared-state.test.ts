import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openStore, type Store } from '../../src/platform/db/index.ts';
import { createRateLimiter } from '../../src/platform/http/rate-limit.ts';
import { createPgBossQueue, LOCKS, runAlone, type JobQueue } from '../../src/platform/jobs/index.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

// What several instances on one PostgreSQL database share, each instance being a store (a pool) of its own
// here. The embedded store is one process: only the in-memory limiter's part applies to it.
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

/** `n` stores on one fresh PostgreSQL database, as `n` instances would open it; closed after the file. */
async function instances(n: number): Promise<Store[]> {
  const database = await createPostgresDatabase();
  cleanups.push(() => database.drop());
  const stores: Store[] = [];
  for (let i = 0; i < n; i++) {
    const store = await openStore({ databaseUrl: database.url });
    cleanups.push(() => store.close());
    stores.push(store);
  }
  return stores;
}

const LIMITS = { create: 5, step: 0, link: 0, upload: 0, auth: 3 };

describe('rate limits on the embedded store', () => {
  it('are counted in the process, the request past the limit refused', () => {
    const limiter = createRateLimiter({ windowSeconds: 60, limits: LIMITS });
    const answers = Array.from({ length: 6 }, () => limiter.hit('create', 'ip:192.0.2.1'));
    expect(answers.map((a) => (a as { exceeded: boolean }).exceeded)).toEqual([false, false, false, false, false, true]);
    expect(limiter.hit('step', 'ip:192.0.2.1')).toBeUndefined();
  });
});

describe.skipIf(TEST_STORE !== 'postgres')('instances sharing one PostgreSQL database', () => {
  it('start together: one runs the migrations while the others wait, and every start succeeds', async () => {
    const stores = await instances(4);
    const applied = await Promise.all(stores.map((s) => migrate(s)));
    // Exactly one instance applied the files; the others found them applied.
    const counts = applied.map((a) => a.length).sort((x, y) => y - x);
    expect(counts[0]).toBeGreaterThan(20);
    expect(counts.slice(1)).toEqual([0, 0, 0]);
    const rows = await sql<{ name: string; n: number }>`select name, count(*)::int as n from schema_migrations group by name`.execute(
      stores[0].db,
    );
    expect(rows.rows.length).toBe(counts[0]);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);
  });

  it('count one caller’s requests together: the request past the limit is refused whichever instance it reaches', async () => {
    const stores = await instances(3);
    await migrate(stores[0]);
    const limiters = stores.map((s) => createRateLimiter({ windowSeconds: 60, limits: LIMITS, shared: s.db }));
    const seen = [];
    // Round robin over three instances: 6 requests, limit 5. Each instance alone saw only two.
    for (let i = 0; i < 6; i++) seen.push(await limiters[i % 3].hit('create', 'token:tok_shared'));
    expect(seen.map((a) => a?.exceeded)).toEqual([false, false, false, false, false, true]);
    expect(seen.map((a) => a?.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    // Another caller, and another category, count apart.
    expect((await limiters[1].hit('create', 'token:tok_other'))?.remaining).toBe(4);
    expect(await limiters[2].hit('step', 'token:tok_shared')).toBeUndefined();

    // Concurrent requests lose no count: 30 at once over three instances.
    await Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 3].hit('create', 'ip:198.51.100.7')));
    const row = await sql<{ count: number }>`select count from rate_limit_counters where key = 'create|ip:198.51.100.7'`.execute(
      stores[0].db,
    );
    expect(row.rows[0].count).toBe(30);

    // Failed bearer tokens: once past the limit (counted on any instance), an instance refuses before the lookup.
    for (let i = 0; i < 3; i++) await limiters[0].hit('auth', 'ip:203.0.113.9', 'failedBearer');
    expect(limiters[0].exceeded('auth', 'ip:203.0.113.9', 'failedBearer')?.exceeded).toBe(true);
    expect(limiters[1].exceeded('auth', 'ip:203.0.113.9', 'failedBearer')).toBeUndefined();
    // The other instance learns it from its own next count (one more failed attempt at most).
    expect((await limiters[1].hit('auth', 'ip:203.0.113.9', 'failedBearer'))?.exceeded).toBe(true);
    expect(limiters[1].exceeded('auth', 'ip:203.0.113.9', 'failedBearer')?.exceeded).toBe(true);
  });

  it('run a round of sweeps on one instance at a time: the others skip it while it runs', async () => {
    const stores = await instances(3);
    let running = 0;
    let most = 0;
    const round = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 300));
      running--;
      return 'swept';
    };
    const results = await Promise.all(stores.map((s) => runAlone(s, LOCKS.sweeps, round)));
    expect(most).toBe(1);
    expect(results.filter((r) => r.ran)).toEqual([{ ran: true, value: 'swept' }]);
    // The lock is released with the round: the next round runs.
    expect(await runAlone(stores[1], LOCKS.sweeps, async () => 'next')).toEqual({ ran: true, value: 'next' });
    // A round that fails releases it too.
    await expect(
      runAlone(stores[2], LOCKS.sweeps, async () => {
        throw new Error('sweep failed');
      }),
    ).rejects.toThrow('sweep failed');
    expect((await runAlone(stores[0], LOCKS.sweeps, async () => 1)).ran).toBe(true);
  });

  it('claim each job once: 60 jobs over three instances’ workers run 60 times in all', async () => {
    const stores = await instances(3);
    await migrate(stores[0]);
    const runs = new Map<number, number>();
    const byInstance = [0, 0, 0];
    const queues: JobQueue[] = [];
    for (const [i, store] of stores.entries()) {
      const q = createPgBossQueue(store, { pollingIntervalSeconds: 0.5 });
      await q.start();
      cleanups.push(() => q.stop());
      queues.push(q);
      await q.work<{ n: number }>(
        'shared-work',
        async ({ n }) => {
          runs.set(n, (runs.get(n) ?? 0) + 1);
          byInstance[i]++;
          await new Promise((r) => setTimeout(r, 20));
        },
        async () => undefined,
        { concurrency: 4 },
      );
    }
    for (let n = 0; n < 60; n++) await queues[n % 3].send('shared-work', { n });
    await until(
      async () => [...runs.values()].reduce((a, b) => a + b, 0),
      (total) => total >= 60,
    );
    // Time for a second claim of any job to show.
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((c) => c === 1)).toBe(true);
    // Every instance took a share.
    expect(byInstance.every((c) => c > 0)).toBe(true);
  });
});
