import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openStore, PGLITE_VERSION } from '../../src/platform/db/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = path.join(ROOT, 'migrations');

/**
 * A migrated embedded database, made once and copied into each test server's data directory. Creating a
 * PGlite database (its initdb, in WebAssembly) costs several seconds of CPU, paid by every test file that
 * starts a server; opening a copy of one costs a fraction of that. The template is named after the PGlite
 * version and the migrations it holds, so a changed or added migration makes a new one; it lives under
 * the temporary directory and is shared by test files running at the same time. The fresh start itself
 * stays tested where it matters (test/embedded, test/cli, and the server processes that make their own).
 */
export async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256').update(PGLITE_VERSION);
  for (const file of fs
    .readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(fs.readFileSync(path.join(MIGRATIONS, file)));
  }
  hash.update(fs.readFileSync(path.join(ROOT, 'src/platform/db/migrate.ts')));
  const dir = path.join(os.tmpdir(), `vouch-test-pgdata-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(dir)) return dir;
  // Made aside and renamed into place (atomic): a file starting meanwhile never copies half a database.
  const staging = fs.mkdtempSync(`${dir}.part-`);
  try {
    const store = await openStore({ dataDir: staging });
    try {
      await migrate(store);
    } finally {
      await store.close();
    }
    fs.renameSync(staging, dir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(dir)) return dir; // another file made it first
    throw e;
  }
  return dir;
}

/** Puts a copy of the template's database into `dataDir`, as if a server had started there once before. */
export async function seedDataDir(dataDir: string): Promise<void> {
  fs.cpSync(path.join(await pgliteTemplate(), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
}
