import type { Database } from '../../../platform/db/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { parseCalendarDate, parseInstant } from '../../../shared/dates.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import type { Principal } from '../../../shared/principal.ts';
import { type Column, FIXED_COLUMNS, PII_COLUMNS } from '../domain/columns.ts';
import { ReportErrors } from '../error-codes.ts';
import { PREPARE_REPORT_JOB, type ReportsDeps } from './deps.ts';

type ReportRecord = { id: string; status: string; requester: string; created_at: Date; failure_reason?: string | null };

/** The report status object of the dialect (ReportStatusResponse); an ERROR report also says why (`failureReason`). */
export const presentReport = (deps: ReportsDeps, r: ReportRecord) => ({
  id: r.id,
  status: r.status,
  statusUrl: `${deps.publicUrl}/rest/v2/report/${r.id}/status`,
  retrievalUrl: r.status === 'COMPLETE' ? `${deps.publicUrl}/rest/v2/report/${r.id}` : null,
  requester: r.requester,
  created: r.created_at.getTime(),
  ...(r.failure_reason ? { failureReason: r.failure_reason } : {}),
});

async function create(
  deps: ReportsDeps,
  principal: Principal,
  kind: 'reverify' | 'verification',
  batchId: string | null,
  params: Record<string, unknown>,
) {
  const id = deps.ids.hex24();
  const now = deps.clock.now();
  await deps.repo.transaction(async (trx: Database) => {
    await deps.repo.insert(trx, { id, account_id: principal.accountId, kind, batch_id: batchId, params, requester: principal.tokenId });
    await deps.jobs.send(PREPARE_REPORT_JOB, { reportId: id }, { exec: trx });
  });
  return presentReport(deps, { id, status: 'PENDING', requester: principal.tokenId, created_at: now });
}

/** `POST /report/reverify/{batchId}`: the CSV of a batch, ready once the batch is complete. */
export async function requestReverifyReport(deps: ReportsDeps, principal: Principal, batchId: string) {
  const batch = await deps.batch(principal.accountId, batchId);
  if (!batch) throw ReportErrors.unknownBatch(batchId);
  return create(deps, principal, 'reverify', batch.id, { programId: batch.program_id });
}

/** The body of `POST /report/verification`, its shape checked at the route (http/schemas.ts). */
export interface ReportRequest {
  format: 'CSV';
  /** A date (YYYY-MM-DD) or a date-time with a time zone. */
  startDate?: string;
  endDate?: string;
  programIds?: string[];
  verificationModeInclusion?: 'ALL' | 'LIVE' | 'TEST' | null;
  isPiiIncluded?: boolean;
  piiReason?: string;
  /** Column selection (SheerID's): the fixed columns named in either list, in the report's order; all without both. */
  standardFields?: string[];
  personFields?: string[];
  /** The metadata keys to give a column each (default: every key found on the report's verifications). */
  metadataFields?: string[];
}

/** `POST /report/verification`: an account's verifications over a date range (30 days before `endDate` by default). */
export async function requestVerificationReport(deps: ReportsDeps, principal: Principal, body: ReportRequest) {
  const from = rangeBound(body.startDate, 'start');
  const end = rangeBound(body.endDate, 'end') ?? endOfDay(parseCalendarDate(isoDate(deps.clock.now()))!);
  const start = from ?? new Date(end.getTime() - 30 * DAY);
  if (start > end) throw CommonErrors.invalidRequest('startDate must not be after endDate');
  return create(deps, principal, 'verification', null, {
    start: start.toISOString(),
    end: end.toISOString(),
    programIds: body.programIds ?? null,
    mode: body.verificationModeInclusion ?? 'LIVE',
    columns: chosenColumns(body.standardFields, body.personFields),
    metadataFields: body.metadataFields ?? null,
  });
}

const DAY = 86_400_000;
/** The last millisecond of the day that starts at `day` (UTC midnight). */
const endOfDay = (day: Date) => new Date(day.getTime() + DAY - 1);

/** A bound of the range: a date (from its first or to its last millisecond, UTC) or a date-time with a zone. */
function rangeBound(value: string | undefined, side: 'start' | 'end'): Date | undefined {
  if (value === undefined) return undefined;
  const day = parseCalendarDate(value);
  return day ? (side === 'end' ? endOfDay(day) : day) : parseInstant(value);
}

export async function reportStatus(deps: ReportsDeps, principal: Principal, reportId: string) {
  const r = await deps.repo.find(principal.accountId, reportId);
  if (!r) throw ReportErrors.unknownReport(reportId);
  return presentReport(deps, r);
}

/**
 * The fixed columns a request chose, in the report's order; null (every column) when it named none. A heading
 * that is not a column of its scope is refused, named.
 */
function chosenColumns(standard: string[] | undefined, person: string[] | undefined): Column[] | null {
  if (standard === undefined && person === undefined) return null;
  const unknown = [
    ...(standard ?? []).filter((c) => !FIXED_COLUMNS.some((f) => f === c) || PII_COLUMNS.has(c)).map((c) => `standardFields: '${c}'`),
    ...(person ?? []).filter((c) => !PII_COLUMNS.has(c)).map((c) => `personFields: '${c}'`),
  ];
  if (unknown.length > 0)
    throw CommonErrors.invalidRequest(`Not a report column of that scope (see GET /report/fields): ${unknown.join(', ')}`);
  const chosen = new Set([...(standard ?? []), ...(person ?? [])]);
  if (chosen.size === 0) throw CommonErrors.invalidRequest('standardFields and personFields name no column: a report needs one');
  return FIXED_COLUMNS.filter((c) => chosen.has(c));
}
