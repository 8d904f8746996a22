import { FileBlobStore } from './file-blob-store.ts';
import type { BlobStore } from './blob-store.ts';
import { parseBlobUrl } from './s3-url.ts';

export interface BlobStoreSettings {
  /** BLOB_URL: `s3://...` for an S3-compatible bucket; undefined: files under `dir`. */
  url: string | undefined;
  /** DATA_DIR/blobs. */
  dir: string;
  /** The blob key (AES-256-GCM). */
  key: Buffer;
  /** How old a write's leftovers (partial file, open multipart upload) must be to count as abandoned. */
  partialMaxAgeMs?: number;
}

/** The store BLOB_URL names; the S3 client is loaded only when it is used. */
export async function openBlobStore(s: BlobStoreSettings): Promise<BlobStore> {
  if (!s.url) return new FileBlobStore(s.dir, s.key, { partialMaxAgeMs: s.partialMaxAgeMs });
  const { S3BlobStore } = await import('./s3-blob-store.ts');
  return new S3BlobStore(parseBlobUrl(s.url), s.key, { partialMaxAgeMs: s.partialMaxAgeMs });
}

/** Whether blobs are files under DATA_DIR (whose directory the start-up checks tie to the installation). */
export function isFileBlobStore(store: BlobStore): store is FileBlobStore {
  return store instanceof FileBlobStore;
}
