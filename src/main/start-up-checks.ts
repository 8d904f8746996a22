import path from 'node:path';
import { BLOB_MARKER_FILE, type BlobStoreClaim } from '../platform/blobs/index.ts';
import type { LoadedSecretKey } from '../platform/crypto/index.ts';

/**
 * The one-line refusals of a start with a configuration that would run wrong (docs/decisions/start-up-checks.md).
 * Each names the variable to change and the fix; none prints a key.
 */

const KEY_DOC = 'docs/operations.md#the-secret-key';
const BLOBS_DOC = 'docs/operations.md#several-instances-on-postgresql';
const S3_DOC = 'docs/operations.md#object-storage-s3';
const MISMATCH = "does not match the key this installation's data was encrypted with (the key check written at its first start)";

/** Where the key came from, for messages and logs. */
export function keySource(loaded: LoadedSecretKey): string {
  return loaded.file ? `the key file ${loaded.file}` : 'SECRET_KEY';
}

export function wrongKeyMessage(loaded: LoadedSecretKey, dataDir: string): string {
  const shared = '(every instance on one database needs the same key)';
  if (!loaded.file) return `SECRET_KEY ${MISMATCH}; start with the SECRET_KEY of the first start ${shared}, or see ${KEY_DOC}`;
  if (loaded.created) {
    return (
      `SECRET_KEY is not set and DATA_DIR ${dataDir} held no secret.key, so this start made a new key, which ${MISMATCH}` +
      `; that new file was removed again: set SECRET_KEY to the key of the first start ${shared}, or put the key file of the first start at ${loaded.file}; see ${KEY_DOC}`
    );
  }
  return (
    `the key file ${loaded.file} (used because SECRET_KEY is not set) ${MISMATCH}; put back the key file of the first start, ` +
    `or set SECRET_KEY to its key ${shared}; see ${KEY_DOC}`
  );
}

export function otherBlobDirMessage(dataDir: string, claim: Extract<BlobStoreClaim, { ok: false }>): string {
  const found = claim.found ? `holds ${claim.found}` : 'holds no blob store id';
  return (
    `DATA_DIR ${dataDir} is not where this installation's documents are: ${path.join('blobs', BLOB_MARKER_FILE)} there ${found}, ` +
    `the database recorded ${claim.recorded} at its first start; every instance on one DATABASE_URL must share the same ` +
    `DATA_DIR/blobs (e.g. on a network file system), see ${BLOBS_DOC}`
  );
}

/** The blob directory's marker could neither be read nor made (a read-only or missing volume, permissions). */
export function blobDirFailureMessage(dataDir: string, e: unknown): string {
  const reason = (e as Error)?.message ?? String(e);
  return (
    `DATA_DIR ${dataDir}: the blob directory's marker ${path.join('blobs', BLOB_MARKER_FILE)} can be neither read nor made (${reason}); ` +
    `DATA_DIR/blobs must exist and be writable by Vouch, see ${BLOBS_DOC}`
  );
}

/** BLOB_URL's bucket did not answer HeadBucket (missing, wrong credentials or region, service away): the probe's reason. */
export function bucketFailureMessage(bucket: string, e: unknown): string {
  const reason = (e as Error)?.message || String(e);
  return `BLOB_URL: the ${bucket} does not answer (${reason}); the bucket must exist and be readable and writable by Vouch, see ${S3_DOC}`;
}
