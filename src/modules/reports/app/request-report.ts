import type { Database } from '../../../platform/db/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { parseCalendarDate, parseInstant } from '../../../shared/dates.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import type { Principal } from '../../../shared/principal.ts';
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
  await deps.repo.db.transaction().execute(async (trx: Database) => {
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

const REQUEST_KEYS = ['format', 'startDate', 'endDate', 'programIds', 'verificationModeInclusion', 'isPiiIncluded', 'piiReason'];

/** `POST /report/verification`: an account's verifications over a date range (30 days before `endDate` by default). */
export async function requestVerificationReport(deps: ReportsDeps, principal: Principal, body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw CommonErrors.invalidRequest('Request body must be a JSON object');
  const extra = Object.keys(body).find((k) => !REQUEST_KEYS.includes(k));
  if (extra) throw CommonErrors.invalidRequest(`Unexpected property '${extra}', expected one of: ${REQUEST_KEYS.join(', ')}`);
  const b = body as Record<string, unknown>;
  if (b.format !== 'CSV') throw CommonErrors.invalidRequest("format is required and must be 'CSV'");
  const from = rangeBound(b, 'startDate');
  const end = rangeBound(b, 'endDate') ?? endOfDay(parseCalendarDate(isoDate(deps.clock.now()))!);
  const start = from ?? new Date(end.getTime() - 30 * DAY);
  if (start > end) throw CommonErrors.invalidRequest('startDate must not be after endDate');
  if (
    b.programIds !== undefined &&
    !(Array.isArray(b.programIds) && b.programIds.every((p) => typeof p === 'string' && /^[0-9a-f]{24}$/.test(p)))
  ) {
    throw CommonErrors.invalidRequest('programIds must be an array of program ids');
  }
  const mode = b.verificationModeInclusion ?? 'LIVE';
  if (!['ALL', 'LIVE', 'TEST'].includes(mode as string))
    throw CommonErrors.invalidRequest("verificationModeInclusion must be 'ALL', 'LIVE' or 'TEST'");
  return create(deps, principal, 'verification', null, {
    start: start.toISOString(),
    end: end.toISOString(),
    programIds: b.programIds ?? null,
    mode,
  });
}

const DAY = 86_400_000;
/** The last millisecond of the day that starts at `day` (UTC midnight). */
const endOfDay = (day: Date) => new Date(day.getTime() + DAY - 1);

/** A bound of the range: a date (from its first or to its last millisecond, UTC) or a date-time with a zone. */
function rangeBound(b: Record<string, unknown>, k: 'startDate' | 'endDate'): Date | undefined {
  if (b[k] === undefined) return undefined;
  const day = parseCalendarDate(b[k]);
  const at = day ? (k === 'endDate' ? endOfDay(day) : day) : parseInstant(b[k]);
  if (!at) throw CommonErrors.invalidRequest(`${k} must be a date (YYYY-MM-DD) or a date-time with a time zone (2024-01-31T23:00:00Z)`);
  return at;
}

export async function reportStatus(deps: ReportsDeps, principal: Principal, reportId: string) {
  const r = await deps.repo.find(principal.accountId, reportId);
  if (!r) throw ReportErrors.unknownReport(reportId);
  return presentReport(deps, r);
}
