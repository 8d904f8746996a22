import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Thrown while streaming when the body breaks a rule; the partial file is already gone. */
export class BlobRejected extends Error {
  constructor(
    readonly reason: 'tooLarge' | 'inspect',
    message: string,
  ) {
    super(message);
  }
}

export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

export interface BlobWriteOptions {
  /** Bytes beyond this abort the write. */
  maxBytes: number;
  /** Sees every plaintext chunk in order (type checks); throwing aborts the write. */
  inspect?: (chunk: Buffer) => void;
}

export interface FileBlobStoreOptions {
  /**
   * A partial file (`tmp/*.part`) not written to for this long belongs to a write that will never end:
   * its process was killed. Longer than the longest write may pause. Without it, none is removed.
   */
  partialMaxAgeMs?: number;
}

/**
 * Encrypted blobs in a directory. A write streams through a byte counter, SHA-256 and AES-256-GCM into a
 * temporary file under a generated name, and only a complete, accepted body is renamed into place, so a
 * refused or interrupted upload leaves nothing behind. Layout of a blob file: 12-byte IV, ciphertext, 16-byte tag.
 * A process killed mid-write does leave its partial file: opening the store removes the stale ones, and
 * so does each `removeStaleParts` (the scheduler's sweep).
 */
export class FileBlobStore {
  constructor(
    private readonly dir: string,
    private readonly key: Buffer,
    private readonly options: FileBlobStoreOptions = {},
  ) {
    fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
    this.removeStaleParts();
  }

  private pathOf(key: string) {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error('Invalid blob key');
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async write(source: Readable, options: BlobWriteOptions): Promise<StoredBlob> {
    const key = randomBytes(16).toString('hex');
    const tmp = path.join(this.dir, 'tmp', `${key}.part`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        size += chunk.length;
        if (size > options.maxBytes) return done(new BlobRejected('tooLarge', `Body is larger than ${options.maxBytes} bytes`));
        try {
          options.inspect?.(chunk);
        } catch (e) {
          return done(new BlobRejected('inspect', (e as Error).message));
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // IV first, then ciphertext, then the GCM tag once the plaintext has ended.
    let started = false;
    const seal = new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        if (!started) {
          started = true;
          this.push(iv);
        }
        done(null, cipher.update(chunk));
      },
      flush(done: TransformCallback) {
        if (!started) this.push(iv);
        this.push(cipher.final());
        done(null, cipher.getAuthTag());
      },
    });
    const out = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(source, meter, seal, out);
      const final = this.pathOf(key);
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.rename(tmp, final);
      return { key, size, sha256: hash.digest('hex') };
    } catch (e) {
      out.destroy();
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
  }

  /** The decrypted bytes (documents are at most the upload limit, 25 MB); fails if the file was tampered with. */
  async read(key: string): Promise<Buffer> {
    const raw = await fs.promises.readFile(this.pathOf(key));
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
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
