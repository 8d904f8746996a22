import { createCipheriv, createDecipheriv, createHash, type DecipherGCM, randomBytes } from 'node:crypto';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobRejected, type BlobWriteOptions } from './blob-store.ts';

/**
 * The one encryption of blobs, whatever keeps them. Layout of a stored blob: 12-byte IV, AES-256-GCM
 * ciphertext, 16-byte tag.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealing {
  /** Byte counter, type inspection and SHA-256 of the plaintext, then the cipher: pipe the body through both in order. */
  transforms: [Transform, Transform];
  /** Size and SHA-256 of the plaintext, once the body has gone through. */
  result(): { size: number; sha256: string };
}

/** The transforms a write streams its body through: refusals (size, inspection) are BlobRejected errors of the stream. */
export function sealing(key: Buffer, options: BlobWriteOptions): Sealing {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
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
  return { transforms: [meter, seal], result: () => ({ size, sha256: hash.digest('hex') }) };
}

/**
 * Decrypts a stored blob as it streams: the IV from the front, the last 16 bytes held back as the tag.
 * The stream fails at its end if the bytes were changed (or cut short); callers keep what it gave only
 * once it ended.
 */
export function unsealing(key: Buffer): Transform {
  let head: Buffer = Buffer.alloc(0);
  let tail: Buffer = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      let data = chunk;
      if (!decipher) {
        head = Buffer.concat([head, chunk]);
        if (head.length < IV_BYTES) return done();
        decipher = createDecipheriv('aes-256-gcm', key, head.subarray(0, IV_BYTES));
        data = head.subarray(IV_BYTES);
      }
      const pending = tail.length ? Buffer.concat([tail, data]) : data;
      const cut = Math.max(0, pending.length - TAG_BYTES);
      tail = pending.subarray(cut);
      const plain = decipher.update(pending.subarray(0, cut));
      done(null, plain.length ? plain : undefined);
    },
    flush(done: TransformCallback) {
      if (!decipher || tail.length < TAG_BYTES) return done(new Error('Blob is truncated'));
      try {
        decipher.setAuthTag(tail);
        const last = decipher.final();
        done(null, last.length ? last : undefined);
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/** The whole decrypted blob read from `stored` (documents are at most the upload limit, 25 MB); fails if it was tampered with. */
export async function readSealed(stored: Readable, key: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    stored,
    unsealing(key),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}
