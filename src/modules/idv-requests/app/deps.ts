import type { FileBlobStore } from '../../../platform/blobs/index.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { CaptureRepository } from '../infra/capture-repository.ts';
import type { IdvRepository } from '../infra/idv-repository.ts';
import type { EventOutbox } from '../../webhooks/index.ts';

export interface IdvDeps {
  repo: IdvRepository;
  /** Captures, their photos and reports (the capture page, checks, reports, review, sandbox). */
  captures: CaptureRepository;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  jobs: JobQueue;
  publicUrl: string;
  /** Webhook events (`file.event`, `client.event`), written with the file event they copy. */
  events: EventOutbox;
  /** The encrypted blob store eligibility documents use: the capture page's photos go there too. */
  blobs: FileBlobStore;
}

export const SEND_LINK_MAIL_JOB = 'send-link-mail';
/** A link mail job: `resend` counts the rounds of sending that gave up before it (absent for the first). */
export interface LinkMailJob {
  linkId: number;
  resend?: number;
}
