import type { BlobStore } from '../../../platform/blobs/index.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { ClientRequestsRepository } from '../../client-requests/index.ts';
import type { CaptureRepository } from '../infra/capture-repository.ts';

export interface CaptureDeps {
  /** The link, its request and client, and the account's name (the client-request module's store). */
  repo: ClientRequestsRepository;
  /** What the client entered at the link, and their photos. */
  captures: CaptureRepository;
  box: SecretBox;
  clock: Clock;
  publicUrl: string;
  /** The encrypted blob store eligibility documents use: the capture page's photos go there too. */
  blobs: BlobStore;
}
