export { BlobRejected, type BlobStore, type StoredBlob, type BlobWriteOptions } from './blob-store.ts';
export { FileBlobStore, type FileBlobStoreOptions } from './file-blob-store.ts';
export { openBlobStore, isFileBlobStore, type BlobStoreSettings } from './open-blob-store.ts';
export { parseBlobUrl, describeS3Location, type S3Location } from './s3-url.ts';
export { BLOB_MARKER_FILE, claimBlobStore, requireBlobMarker, type BlobStoreClaim } from './blob-store-marker.ts';
