import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { AuditEvent } from '../../audit/index.ts';
import type { CaptureDeps } from '../../capture/index.ts';
import type { DocumentReader } from '../../document-reading/index.ts';
import type { EventOutbox } from '../../webhooks/index.ts';
import type { IdReportsRepository } from '../infra/reports-repository.ts';

/** What builds, serves and reviews reports: the capture's parts (a report is built from a capture) and its own. */
export interface IdReportsDeps extends CaptureDeps {
  /** Reports, their review and the verified state of clients. */
  idReports: IdReportsRepository;
  ids: Ids;
  /** Webhook events (`client.event`), written with the file event they copy. */
  events: EventOutbox;
  /** Durable jobs: a submitted capture's photos are read by one. */
  jobs: JobQueue;
  /** Reads the photos themselves (MRZ, barcode); none when `DOCUMENT_READING` is off: no reading job is queued. */
  reader?: DocumentReader;
  /** Records Vouch's own decisions (an automatic approval or rejection) in the audit log. */
  audit?: (e: AuditEvent) => Promise<void>;
}
