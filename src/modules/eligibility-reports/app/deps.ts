import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { ReportsRepository } from '../infra/reports-repository.ts';
import type { EventOutbox } from '../../webhooks/index.ts';

export interface ReportsDeps {
  repo: ReportsRepository;
  jobs: JobQueue;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
  /** The batch a reverify report is about, if the account has it. */
  batch(
    accountId: string,
    batchId: string,
  ): Promise<{ id: string; program_id: string; status: string; failure_reason: string | null } | undefined>;
  /** Type and country of an organization (directory or imported). */
  organization(accountId: string, id: number): Promise<{ type: string; country: string | null } | null>;
  /** Webhook events (`report.complete`), written with the change they tell. */
  events: EventOutbox;
  /** The user-facing text of an errorId (English theme messages). */
  errorText(errorId: string): string;
}

export const PREPARE_REPORT_JOB = 'report-prepare';
