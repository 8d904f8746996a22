import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { IdvRepository } from '../infra/idv-repository.ts';

export interface IdvDeps {
  repo: IdvRepository;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  jobs: JobQueue;
  publicUrl: string;
}

export const SEND_LINK_MAIL_JOB = 'send-link-mail';
