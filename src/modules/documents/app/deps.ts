import type { BlobStore } from '../../../platform/blobs/index.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { DocumentReader } from '../../document-reading/index.ts';
import type { UploadLeaseRules } from '../domain/upload-lease.ts';
import type { DocumentsRepository } from '../infra/documents-repository.ts';
import type { Thumbnailer } from '../infra/image-thumbnail.ts';

export interface DocumentsDeps {
  repo: DocumentsRepository;
  blobs: BlobStore;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
  uploadUrlTtlSeconds: number;
  /** How long a request may hold an upload URL before its claim counts as abandoned. */
  uploadLease: UploadLeaseRules;
  /** Decodes an image into the thumbnail its perceptual hash is made of; a worker-thread decoder when not given. */
  thumbnail?: Thumbnailer;
  /** Reads a submitted attempt's documents (`documentText`) in a job; none when `DOCUMENT_READING` is off. */
  reader?: DocumentReader;
  jobs?: JobQueue;
}
