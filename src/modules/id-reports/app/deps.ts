import type { Ids } from '../../../shared/ids.ts';
import type { CaptureDeps } from '../../capture/index.ts';
import type { EventOutbox } from '../../webhooks/index.ts';
import type { IdReportsRepository } from '../infra/reports-repository.ts';

/** What builds, serves and reviews reports: the capture's parts (a report is built from a capture) and its own. */
export interface IdReportsDeps extends CaptureDeps {
  /** Reports, their review and the verified state of clients. */
  idReports: IdReportsRepository;
  ids: Ids;
  /** Webhook events (`client.event`), written with the file event they copy. */
  events: EventOutbox;
}
