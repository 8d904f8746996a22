export { FileBlobStore, BlobRejected, type StoredBlob, type BlobWriteOptions } from './file-blob-store.ts';
