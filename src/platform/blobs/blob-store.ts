import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Thrown while streaming when the body breaks a rule; nothing of it is left in the store. */
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

/**
 * Where documents and capture photos are kept, encrypted (AES-256-GCM; bytes: 12-byte IV, ciphertext,
 * 16-byte tag): files under `DATA_DIR/blobs` (FileBlobStore) or an S3-compatible bucket (S3BlobStore).
 * Both stream a write through the same sealing (blob-seal.ts) and keep only a complete, accepted body.
 */
export interface BlobStore {
  /** What and where the store is, for the start-up banner (never a credential). */
  readonly description: string;
  /** Streams `source` in, encrypted; a refused (BlobRejected) or failed write leaves nothing behind. */
  write(source: Readable, options: BlobWriteOptions): Promise<StoredBlob>;
  /** The decrypted bytes; fails if the stored bytes were tampered with. */
  read(key: string): Promise<Buffer>;
  /** Removes the blob; a blob that is not there is no error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Removes what writes cut off by a killed process left behind, once old enough; returns how many. */
  removeStaleParts(): number | Promise<number>;
  /** The readiness check: throws unless the store takes work now. */
  probe(): Promise<void>;
}

/** A blob's key: 128 random bits as 32 hex characters, the same for every store. */
export const BLOB_KEY = /^[0-9a-f]{32}$/;

export function newBlobKey(): string {
  return randomBytes(16).toString('hex');
}

/** Throws unless `key` is a blob key (keys reach paths and object names). */
export function checkBlobKey(key: string): string {
  if (!BLOB_KEY.test(key)) throw new Error('Invalid blob key');
  return key;
}
