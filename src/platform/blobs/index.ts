export { FileBlobStore, BlobRejected, type StoredBlob, type BlobWriteOptions, type FileBlobStoreOptions } from './file-blob-store.ts';
export { BLOB_MARKER_FILE, claimBlobStore, requireBlobMarker, type BlobStoreClaim } from './blob-store-marker.ts';
