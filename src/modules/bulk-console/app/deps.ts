import type { ReportColumns } from '../domain/report-form.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Principal } from '../../../shared/principal.ts';
import type {
  ListedReport,
  openReport,
  ReportRequest,
  reportStatus,
  requestReverifyReport,
  requestVerificationReport,
} from '../../eligibility-reports/index.ts';
import type { BatchInput, batchStatus, createBatch, ListedBatch } from '../../reverification/index.ts';

type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

/**
 * What the pages do, each through the owning module's own use case (wired in src/main), so a batch or a
 * report started here is the one the API would start, and a download is the API's bytes.
 */
export interface BulkConsoleDeps {
  clock: Clock;
  /** The most ids one batch takes (the API's bound). */
  maxBatch: number;
  programs(accountId: string): Promise<{ id: string; name: string; testMode: boolean }[]>;
  batches: {
    start(principal: Principal, input: BatchInput): Promise<Result<typeof createBatch>>;
    status(principal: Principal, batchId: string): Promise<Result<typeof batchStatus>>;
    list(accountId: string): Promise<ListedBatch[]>;
    /** The program of one of the account's batches. */
    programOf(accountId: string, batchId: string): Promise<string | null>;
  };
  reports: {
    forBatch(principal: Principal, batchId: string): Promise<Result<typeof requestReverifyReport>>;
    forVerifications(principal: Principal, request: ReportRequest): Promise<Result<typeof requestVerificationReport>>;
    status(principal: Principal, reportId: string): Promise<Result<typeof reportStatus>>;
    open(principal: Principal, reportId: string): Promise<Result<typeof openReport>>;
    list(accountId: string, filter?: { batchId?: string }): Promise<ListedReport[]>;
    /** The report's fixed columns, in their order, by scope. */
    columns: ReportColumns;
  };
}
