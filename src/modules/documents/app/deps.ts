import type { FileBlobStore } from '../../../platform/blobs/index.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { DocumentsRepository } from '../infra/documents-repository.ts';

export interface DocumentsDeps {
  repo: DocumentsRepository;
  blobs: FileBlobStore;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
  uploadUrlTtlSeconds: number;
}
