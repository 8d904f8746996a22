import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { requireFreeSpace } from '../db/disk-space.ts';
import { probeBlobDir } from './blob-probe.ts';
import { readSealed, sealing } from './blob-seal.ts';
import { type BlobStore, type BlobWriteOptions, checkBlobKey, newBlobKey, type StoredBlob } from './blob-store.ts';

export interface FileBlobStoreOptions {
  /**
   * A partial file (`tmp/*.part`) not written to for this long belongs to a write that will never end:
   * its process was killed. Longer than the longest write may pause. Without it, none is removed.
   */
  partialMaxAgeMs?: number;
}

/**
 * Encrypted blobs in a directory. A write streams through a byte counter, SHA-256 and AES-256-GCM (blob-seal.ts) into a
 * temporary file under a generated name, and only a complete, accepted body is renamed into place, so a
 * refused or interrupted upload leaves nothing behind. Layout of a blob file: 12-byte IV, ciphertext, 16-byte tag.
 * A process killed mid-write does leave its partial file: opening the store removes the stale ones, and
 * so does each `removeStaleParts` (the scheduler's sweep).
 */
export class FileBlobStore implements BlobStore {
  readonly description: string;

  constructor(
    private readonly dir: string,
    private readonly key: Buffer,
    private readonly options: FileBlobStoreOptions = {},
  ) {
    this.description = `files under ${dir} (encrypted)`;
    fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
    this.removeStaleParts();
  }

  private pathOf(key: string) {
    return path.join(this.dir, key.slice(0, 2), checkBlobKey(key));
  }

  async write(source: Readable, options: BlobWriteOptions): Promise<StoredBlob> {
    const key = newBlobKey();
    const tmp = path.join(this.dir, 'tmp', `${key}.part`);
    const sealed = sealing(this.key, options);
    const out = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(source, ...sealed.transforms, out);
      const final = this.pathOf(key);
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.rename(tmp, final);
      return { key, ...sealed.result() };
    } catch (e) {
      out.destroy();
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
  }

  /** The decrypted bytes (documents are at most the upload limit, 25 MB); fails if the file was tampered with. */
  async read(key: string): Promise<Buffer> {
    return readSealed(fs.createReadStream(this.pathOf(key)), this.key);
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return fs.promises.access(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  /** A write the way an upload writes, and room left on the disk. */
  async probe(): Promise<void> {
    await probeBlobDir(this.dir);
    await requireFreeSpace(this.dir);
  }

  /**
   * Deletes the partial files not written to for `partialMaxAgeMs`; returns how many. A live write keeps
   * its file's modification time fresh, so it is never one of them, even when another process shares the
   * directory. Synchronous, as the opening of the store is: the directory holds only the writes in flight
   * and what killed processes left.
   */
  removeStaleParts(): number {
    const maxAge = this.options.partialMaxAgeMs;
    if (maxAge === undefined) return 0;
    const tmp = path.join(this.dir, 'tmp');
    const cutoff = Date.now() - maxAge;
    let removed = 0;
    for (const name of fs.readdirSync(tmp)) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(tmp, name);
      // Gone meanwhile (its write ended): nothing to do.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat && stat.mtimeMs < cutoff) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
