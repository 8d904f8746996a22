import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeNotices, openStore, type Store } from '../../src/platform/db/index.ts';
import { ReadCache } from '../../src/platform/db/read-cache.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

/** A loader that counts its reads and answers `value()` at the time it is called. */
function counted<V>(value: () => V) {
  const c = {
    reads: 0,
    load: async () => {
      c.reads++;
      return value();
    },
  };
  return c;
}

describe('a read cache', () => {
  it('serves a fresh value without reading, and reads again once the key changed', async () => {
    const cache = new ReadCache<string>('t', 60_000);
    let stored = 'one';
    const loader = counted(() => stored);
    expect(await cache.get('k', loader.load)).toBe('one');
    expect(await cache.get('k', loader.load)).toBe('one');
    expect(loader.reads).toBe(1);
    expect(cache.peek('k')).toBe('one');
    stored = 'two';
    cache.changed('k');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', loader.load)).toBe('two');
    expect(loader.reads).toBe(2);
  });

  it('keeps nothing read while a change may not have committed (reads within its time to live after it)', async () => {
    const cache = new ReadCache<string>('t', 60_000);
    cache.changed('k');
    const loader = counted(() => 'maybe old');
    await cache.get('k', loader.load);
    await cache.get('k', loader.load);
    expect(loader.reads).toBe(2);
  });

  it('keeps nothing a read returned when the key changed while that read was under way', async () => {
    const cache = new ReadCache<string>('t', 60_000);
    let release: () => void = () => {};
    const slow = cache.get('k', () => new Promise<string>((done) => (release = () => done('before the change'))));
    cache.changed('k');
    release();
    expect(await slow).toBe('before the change');
    expect(cache.peek('k')).toBeUndefined();
  });
});

describe.runIf(TEST_STORE === 'postgres')('read caches of two instances on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    db = await createPostgresDatabase();
    a = await openStore({ databaseUrl: db.url });
    b = await openStore({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it("forget a key on the other instance as soon as its change's notice arrives, well before their time to live", async () => {
    let stored = 'one';
    const loader = counted(() => stored);
    const onB = ChangeNotices.of(b.db).cache<string>('topic');
    // Both listeners are connected once a change made on each reaches the other.
    await until(
      async () => {
        await onB.get('k', loader.load);
        ChangeNotices.of(a.db).changed('topic', 'k');
        await new Promise((r) => setTimeout(r, 50));
        return onB.peek('k') === undefined;
      },
      (forgotten) => forgotten,
      10_000,
    );
    // Past the time to live of that change, B keeps what it reads again.
    await new Promise((r) => setTimeout(r, 5_100));
    expect(await onB.get('k', loader.load)).toBe('one');
    const reads = loader.reads;
    expect(await onB.get('k', loader.load)).toBe('one');
    expect(loader.reads).toBe(reads);

    stored = 'two';
    ChangeNotices.of(a.db).changed('topic', 'k');
    await until(
      async () => onB.peek('k'),
      (v) => v === undefined,
      2_000,
    );
    expect(await onB.get('k', loader.load)).toBe('two');
  });
});
