import type { Database } from '../../../platform/db/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { CaptureErrors, nextStep, withLiveCapture, type CaptureData, type ImageKind } from '../../capture/index.ts';
import { event, EVENTS, REQUEST_STATUS, type Profile, type RequestRow } from '../../client-requests/index.ts';
import type { MrzReading } from '../../../shared/mrz.ts';
import { analyse, runChecks, type Check } from '../domain/checks.ts';
import type { IdReportsDeps } from './deps.ts';
import { queueReportReading, type ReportReading } from './read-report.ts';
import { IdReportErrors } from '../error-codes.ts';

const DAY = 86_400_000;

/** What a report holds besides its dates: kept encrypted, for review while it lives and for audit after. */
export interface ReportContent {
  checks: Check[];
  profile: Pick<Profile, 'firstName' | 'middleName' | 'lastName' | 'dateOfBirth' | 'email'>;
  entered: Required<Pick<CaptureData, 'identity' | 'document' | 'address'>> & { privacyAcceptedAt: string | null };
  /** As read from the document's machine-readable zone; null when none was entered or it could not be read. */
  fromDocument: MrzReading | null;
  images: { kind: string; width: number; height: number; fileSize: number; mimeType: string }[];
  /** Sandbox sample reports only. */
  recommendation?: { value: 'APPROVE' | 'REJECT'; reason: string | null };
  /** Set once the photos were read (`DOCUMENT_READING`): their checks are then in `checks`. */
  reading?: ReportReading;
}

/**
 * Writes a finished request's report in the caller's transaction: the request moves to `Review Report`
 * (so its file to `Action Required`), with its number, dates and the checks' outcome. Used by the client's
 * submit and by the sandbox's sample report.
 */
export async function writeReport(
  deps: IdReportsDeps,
  trx: Database,
  request: RequestRow,
  content: ReportContent,
  options: { sample: boolean; now: Date },
) {
  const { now } = options;
  const settings = await deps.repo.settings(request.account_id, trx);
  const expiry = new Date(now.getTime() + settings.report_lifetime_days * DAY);
  const { identityAnalysisResult, fraudAnalysisResult } = analyse(content.checks);
  // VR-YYYYMMDD-XXXXXXXX: 32 random bits from the id port (the last 8 of a random hex24), in capitals.
  const reportNumber = `VR-${isoDate(now).replace(/-/g, '')}-${deps.ids.hex24().slice(-8).toUpperCase()}`;
  await deps.idReports.insertReport(
    trx,
    {
      id: deps.ids.uuid(),
      account_id: request.account_id,
      file_id: request.file_id,
      request_id: request.id,
      client_id: request.client_id,
      report_number: reportNumber,
      identity_result: identityAnalysisResult,
      fraud_result: fraudAnalysisResult,
      content_enc: deps.box.encryptJson(content),
      sample: options.sample,
      review_status_date: now,
      expiry_date: expiry,
      warning_date: new Date(expiry.getTime() - settings.report_warning_days * DAY),
      audit_until: new Date(expiry.getTime() + settings.report_audit_days * DAY),
    },
    now,
  );
  await deps.repo.setRequest(trx, request.id, { status: REQUEST_STATUS.review }, now);
  await event(deps, trx, request, EVENTS.reportReady, now);
  return { reportNumber, identityAnalysisResult, fraudAnalysisResult };
}

/**
 * The final submit of the capture page: the only step that consumes the link. Every step must be done;
 * the checks run on what was stored, and the report is written in the same transaction.
 */
export async function submitCapture(deps: IdReportsDeps, token: string) {
  const now = deps.clock.now();
  return withLiveCapture(deps, token, async (trx, c) => {
    const kinds = new Set(c.images.map((i) => i.kind));
    const step = nextStep(c.data, kinds);
    if (step !== 'review') throw IdReportErrors.incomplete(step);
    const repo = deps.captures;
    // Only a submit that consumes the link writes a report. Under the request's lock the link was live a
    // moment ago; if it is no longer active (its expiry sweep got there first), nothing is written and the
    // page shows the link's state.
    if (!(await repo.useLink(trx, c.request.account_id, c.link.id))) throw CaptureErrors.linkUnusable('expired');
    const shared = new Set((await repo.sharedDigests(c.request.id, c.request.client_id, trx)).map((r) => r.kind as ImageKind));
    const data = c.data as Required<CaptureData>;
    const { checks, mrz } = runChecks({
      profile: c.profile!,
      data,
      sharedWithOtherClient: shared,
      today: isoDate(now),
      images: c.images.map((i) => ({
        kind: i.kind as ImageKind,
        width: i.width,
        height: i.height,
        fileSize: i.file_size,
        digest: i.content_digest,
      })),
    });
    const p = c.profile!;
    const written = await writeReport(
      deps,
      trx,
      c.request,
      {
        checks,
        profile: { firstName: p.firstName, middleName: p.middleName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, email: p.email },
        entered: {
          identity: data.identity,
          document: data.document,
          address: data.address,
          privacyAcceptedAt: data.privacyAcceptedAt ?? null,
        },
        fromDocument: mrz,
        images: c.images.map((i) => ({ kind: i.kind, width: i.width, height: i.height, fileSize: i.file_size, mimeType: i.mime_type })),
      },
      { sample: false, now },
    );
    // The photos are read by a job once this commits (its checks are added to the report then).
    await queueReportReading(deps, trx, { accountId: c.request.account_id, requestId: c.request.id });
    return written;
  });
}
