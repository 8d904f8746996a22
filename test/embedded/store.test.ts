import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/main/config.ts';
import { DEFAULT_PGLITE_SHARED_BUFFERS, migrate, openStore, PGLITE_VERSION } from '../../src/platform/db/index.ts';
import { until } from '../support/wait.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-store-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('embedded store', () => {
  it('migrates once, records its PGlite version, and refuses a directory written by another version', async () => {
    const store = await openStore({ dataDir: dir });
    expect((await migrate(store))[0]).toBe('0001_init.sql');
    expect(await migrate(store)).toEqual([]);
    const meta = await store.db.selectFrom('vouch_meta').selectAll().execute();
    expect(meta).toEqual([{ key: 'pglite_version', value: PGLITE_VERSION }]);
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/Another Vouch process/);
    await store.db.updateTable('vouch_meta').set({ value: '0.0.1' }).where('key', '=', 'pglite_version').execute();
    await store.close();

    await expect(openStore({ dataDir: dir })).rejects.toThrow(/written by PGlite 0\.0\.1.*pg_dump/s);
    expect(fs.existsSync(path.join(dir, 'vouch.pid'))).toBe(false);
  }, 60_000);

  it('runs with the configured shared_buffers, the small default unless told otherwise', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-store-'));
    try {
      const setting = async (size?: string) => {
        const store = await openStore({ dataDir: other, pgliteSharedBuffers: size });
        try {
          return (await sql<{ v: string }>`select current_setting('shared_buffers') as v`.execute(store.db)).rows[0].v;
        } finally {
          await store.close();
        }
      };
      expect(await setting()).toBe(DEFAULT_PGLITE_SHARED_BUFFERS);
      expect(await setting('48MB')).toBe('48MB');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a shared_buffers setting that is not a size', () => {
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS: 'lots' })).toThrow(/PGLITE_SHARED_BUFFERS must be a size/);
    expect(loadConfig({ PGLITE_SHARED_BUFFERS: '64MB' }).pgliteSharedBuffers).toBe('64MB');
  });

  it('takes a memory profile: throughput by default, small with smaller shared_buffers unless they are set', () => {
    expect(loadConfig({})).toMatchObject({ memoryProfile: 'throughput', pgliteSharedBuffers: DEFAULT_PGLITE_SHARED_BUFFERS });
    expect(loadConfig({ MEMORY_PROFILE: 'small' })).toMatchObject({ memoryProfile: 'small', pgliteSharedBuffers: '16MB' });
    expect(loadConfig({ MEMORY_PROFILE: 'small', PGLITE_SHARED_BUFFERS: '24MB' }).pgliteSharedBuffers).toBe('24MB');
    expect(() => loadConfig({ MEMORY_PROFILE: 'tiny' })).toThrow(/MEMORY_PROFILE must be one of throughput, small, got 'tiny'/);
  });
});

describe('embedded store under hostile values and stuck queries', () => {
  it('returns a json value nested thousands of levels deep instead of losing the reply', async () => {
    const store = await openStore({});
    try {
      let deep = '1';
      for (let i = 0; i < 3000; i++) deep = `{"a":${deep}}`;
      const { rows } = await sql<{ v: unknown; n: number }>`select ${deep}::jsonb as v, 2::int8 as n`.execute(store.db);
      let depth = 0;
      for (let v = rows[0].v as { a: unknown } | number; typeof v === 'object'; v = v.a as typeof v) depth++;
      expect(depth).toBe(3000);
      // The options reach PGlite in memory too: int8 comes back as a number, as on a data directory.
      expect(rows[0].n).toBe(2);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('fails a query that goes past its timeout, says the store stalled, and answers again once it is free', async () => {
    const store = await openStore({ queryTimeoutMs: 300 });
    try {
      expect(store.stalledSince()).toBeUndefined();
      await expect(sql`select pg_sleep(1.5)`.execute(store.db)).rejects.toMatchObject({ code: '57014' });
      expect(store.stalledSince()).toBeTypeOf('number');
      // The connection was freed: the next query waits its turn behind the sleep, not for ever.
      const next = await until(
        () => sql<{ x: number }>`select 1 as x`.execute(store.db).catch(() => null),
        (r) => r !== null,
        10_000,
        100,
      );
      expect(next!.rows).toEqual([{ x: 1 }]);
      expect(store.stalledSince()).toBeUndefined();
    } finally {
      await store.close();
    }
  }, 60_000);
});
