import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/index.ts';

/** The marker's name inside the blob directory: a random id made at its first use, moving with the directory. */
export const BLOB_MARKER_FILE = 'vouch-blob-store.id';
const META_KEY = 'file_blob_store';
const ID = /^[0-9a-f]{32}$/;

export type BlobStoreClaim =
  | { ok: true; id: string }
  /** `found`: the directory's id (undefined when its marker is unreadable); `recorded`: the store's. */
  | { ok: false; marker: string; found: string | undefined; recorded: string };

/**
 * Whether `dir` is the blob directory the store's documents are in. Instances on one PostgreSQL share its
 * rows but each reads blobs from its own `DATA_DIR/blobs`: one on another directory would answer for
 * documents it cannot find. The directory's marker (made if missing) is compared with the id the store
 * recorded at the first start that claimed one (recorded now if none is). Moving or restoring the
 * directory moves its marker with it; instances sharing the directory share the marker.
 */
export async function claimBlobStore(db: Database, dir: string): Promise<BlobStoreClaim> {
  const marker = path.join(dir, BLOB_MARKER_FILE);
  const found = readOrCreateMarker(dir, marker);
  if (found !== undefined) {
    // Instances starting at once on an empty store: the first insert wins and the others compare with it.
    await db
      .insertInto('vouch_meta')
      .values({ key: META_KEY, value: found })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  const row = await db.selectFrom('vouch_meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  // No row and no readable marker: nothing recorded yet, but this directory cannot be recorded either.
  const recorded = row?.value ?? '(none)';
  return found !== undefined && found === row?.value ? { ok: true, id: found } : { ok: false, marker, found, recorded };
}

/**
 * Throws unless `dir`'s marker still holds `id`: a network volume that came unmounted leaves its empty
 * mount point, which takes writes (the write probe passes) but holds none of the documents.
 */
export async function requireBlobMarker(dir: string, id: string): Promise<void> {
  const marker = path.join(dir, BLOB_MARKER_FILE);
  const text = await fs.promises.readFile(marker, 'utf8');
  if (text.trim() !== id) throw new Error(`${marker} no longer holds the id this process started with: another directory is mounted there`);
}

/** The directory's id; a marker that is missing is made (complete, flushed, in one step); undefined when it is not an id. */
function readOrCreateMarker(dir: string, marker: string): string | undefined {
  // An existing marker is only read: a read-only directory still starts (its readiness check says it is).
  if (!fs.existsSync(marker)) createMarker(dir, marker);
  const id = fs.readFileSync(marker, 'utf8').trim();
  return ID.test(id) ? id : undefined;
}

function createMarker(dir: string, marker: string) {
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const staged = path.join(dir, 'tmp', `marker-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = fs.openSync(staged, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, `${randomBytes(16).toString('hex')}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Fails when the marker exists (another start made it meanwhile): that one is read.
    fs.linkSync(staged, marker);
    syncDirectory(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(staged, { force: true });
  }
}

function syncDirectory(dir: string) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
