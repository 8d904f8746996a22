import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openStore, PGLITE_VERSION } from '../../src/platform/db/index.ts';

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
});
