export { FileBlobStore, BlobRejected, type StoredBlob, type BlobWriteOptions, type FileBlobStoreOptions } from './file-blob-store.ts';
