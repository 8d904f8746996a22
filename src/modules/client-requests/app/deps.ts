import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { ClientRequestsRepository } from '../infra/client-requests-repository.ts';
import type { EventOutbox } from '../../webhooks/index.ts';

/** A request's report as the file's answers show it (its number and dates). */
export interface RequestReport {
  request_id: string;
  report_number: string;
  expiry_date: Date;
  warning_date: Date;
}

export interface ClientRequestsDeps {
  repo: ClientRequestsRepository;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  jobs: JobQueue;
  publicUrl: string;
  /** Webhook events (`file.event`, `client.event`), written with the file event they copy. */
  events: EventOutbox;
  /**
   * The reports of some of the account's requests. They are the id-reports module's, which builds on this
   * one: src/main wires its query here, so that this module needs nothing of it.
   */
  reportsOf(accountId: string, requestIds: string[]): Promise<RequestReport[]>;
}

export const SEND_LINK_MAIL_JOB = 'send-link-mail';
/** A link mail job: `resend` counts the rounds of sending that gave up before it (absent for the first). */
export interface LinkMailJob {
  linkId: number;
  resend?: number;
}
