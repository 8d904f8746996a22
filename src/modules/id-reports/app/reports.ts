import type { Database } from '../../../platform/db/index.ts';
import { ClientRequestErrors, event, EVENTS, wireDate } from '../../client-requests/index.ts';
import type { ReportRow } from '../infra/reports-repository.ts';
import { IdReportErrors } from '../error-codes.ts';
import type { ReportContent } from './build-report.ts';
import type { IdReportsDeps } from './deps.ts';
import { renderReportPdf } from './report-pdf.ts';

/** The request's report while it may be served: unknown ids 404, no report yet 400, expired 410. */
async function liveReport(deps: IdReportsDeps, accountId: string, { clientRequestId: id }: { clientRequestId: string }) {
  const request = await deps.repo.findRequest(accountId, id);
  if (!request) throw ClientRequestErrors.unknownRequest(id);
  const report = await deps.idReports.reportOf(accountId, id);
  if (!report) throw IdReportErrors.noReport(id);
  // Read-time rule, whatever the sweep has done yet: a report past its expiry is never served.
  if (report.expired_at || deps.clock.now() >= report.expiry_date) throw IdReportErrors.reportExpired(id, wireDate(report.expiry_date)!);
  return { request, report, content: deps.box.decryptJson<ReportContent>(report.content_enc!) };
}

/** Summary fields shared by both endpoints, the dialect's names. */
export const reportSummary = (r: ReportRow) => ({
  reportNumber: r.report_number,
  identityAnalysisResult: r.identity_result,
  fraudAnalysisResult: r.fraud_result,
  reviewStatusDate: wireDate(r.review_status_date),
  verificationReportExpiryDate: wireDate(r.expiry_date),
  verificationReportExpiryWarningDate: wireDate(r.warning_date),
  reviewDecision: r.decision,
  reviewDecisionDate: wireDate(r.decided_at),
});

/** `verification-report`: the PDF as base64 and the summary; `reportDate` is when it was downloaded. */
export async function verificationReport(deps: IdReportsDeps, accountId: string, ref: { clientRequestId: string }) {
  const { request, report, content } = await liveReport(deps, accountId, ref);
  const now = deps.clock.now();
  const file = (await deps.repo.findFile(accountId, request.file_id))!;
  // The photos still held, front, back, selfie; one that cannot be read (purged meanwhile) is left out.
  const order = ['front', 'back', 'selfie'];
  const images: { kind: string; bytes: Buffer }[] = [];
  for (const img of (await deps.captures.images(accountId, request.id)).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
    if (!img.blob_key) continue;
    const bytes = await deps.blobs.read(img.blob_key).catch(() => null);
    if (bytes) images.push({ kind: img.kind, bytes });
  }
  const pdf = await renderReportPdf({
    org: await deps.repo.accountName(accountId),
    fileName: file.file_name,
    reportNumber: report.report_number,
    reportDate: wireDate(now)!,
    reviewStatusDate: wireDate(report.review_status_date)!,
    expiryDate: wireDate(report.expiry_date)!,
    identityAnalysisResult: report.identity_result,
    fraudAnalysisResult: report.fraud_result,
    content,
    images,
    now,
  });
  // This answer names no decision date (the dialect's shape); it has the download date instead.
  const { reviewDecisionDate: _decided, ...summary } = reportSummary(report);
  return {
    clientRequestId: request.id,
    report: pdf.toString('base64'),
    ...summary,
    reportDate: wireDate(now),
    sampleReport: report.sample,
  };
}

/** `report-info`: the report's metadata, each check's outcome, the client as read from the document and as entered. */
export async function reportInfo(deps: IdReportsDeps, accountId: string, ref: { clientRequestId: string }) {
  const { request, report, content } = await liveReport(deps, accountId, ref);
  const m = content.fromDocument;
  const e = content.entered;
  const fromDocument = !!m && m.valid;
  const verified = await deps.idReports.clientState(accountId, request.client_id);
  return {
    clientRequestId: request.id,
    ...reportSummary(report),
    clientVerifiedUntil: wireDate(verified?.verified_until ?? null),
    reviewDecisionReason: report.decision_reason_enc ? deps.box.decrypt(report.decision_reason_enc) : null,
    sampleReport: report.sample,
    recommendation: content.recommendation ?? null,
    clientInformation: {
      // As extracted from the document when its machine-readable zone was read with valid check digits;
      // otherwise as the client confirmed it (`source` says which).
      source: fromDocument ? ('document' as const) : ('entered' as const),
      firstName: fromDocument ? m.firstName : e.identity.firstName,
      middleName: fromDocument ? null : e.identity.middleName,
      lastName: fromDocument ? m.lastName : e.identity.lastName,
      dateOfBirth: fromDocument ? m.dateOfBirth : e.identity.dateOfBirth,
      currentAddress: {
        address: e.address.address,
        city: e.address.city,
        province: e.address.province,
        country: e.address.country,
        postalCode: e.address.postalCode,
        countryCode: e.address.countryCode,
      },
    },
    enteredInformation: { ...e.identity },
    document: {
      type: e.document.type,
      number: e.document.number,
      issuingCountry: e.document.issuingCountry,
      expiryDate: e.document.expiryDate,
      machineReadableZone: m
        ? {
            format: m.format,
            valid: m.valid,
            documentNumber: m.documentNumber,
            firstName: m.firstName,
            lastName: m.lastName,
            dateOfBirth: m.dateOfBirth,
            expiryDate: m.expiryDate,
            nationality: m.nationality,
            issuingState: m.issuingState,
          }
        : null,
    },
    checks: content.checks.map((c) => ({ name: c.name, result: c.result, reason: c.reason, highRisk: c.highRisk })),
    images: content.images,
  };
}

/**
 * The scheduler's sweep: at a report's warning date an event says it will soon expire; reports past their expiry stop being served (that is decided at read time too),
 * their photos are deleted from the blob store, and an event records it once. The report's content stays
 * encrypted for audit until `audit_until` (account setting), then it is deleted as well. Photos of requests
 * cancelled before their client submitted are deleted too.
 */
export async function expireDueReports(deps: IdReportsDeps): Promise<{ warned: number; expired: number; auditPurged: number }> {
  const repo = deps.idReports;
  const captures = deps.captures;
  let warned = 0;
  let expired = 0;
  let auditPurged = 0;
  // At the warning date: one event (305, and its webhook) so the organization downloads the report in time.
  for (;;) {
    const due = await repo.dueWarnings(deps.clock.now());
    if (due.length === 0) break;
    for (const r of due) {
      await deps.repo.transaction(async (trx: Database) => {
        if (!(await repo.lockForWarning(trx, r.id, r.request_id))) return;
        await event(deps, trx, { id: r.request_id, account_id: r.account_id, file_id: r.file_id }, EVENTS.reportExpiring, deps.clock.now());
        warned++;
      });
    }
  }
  for (;;) {
    const due = await repo.dueReports(deps.clock.now());
    if (due.length === 0) break;
    for (const r of due) {
      // Bytes first (deleting a missing file is a no-op), then the rows: a crash in between leaves the
      // report unexpired with rows pointing at missing files (readers skip those), and the next sweep
      // finds it again and finishes. Never rows marked purged over files still on disk.
      for (const img of await captures.images(r.account_id, r.request_id)) if (img.blob_key) await deps.blobs.delete(img.blob_key);
      await deps.repo.transaction(async (trx: Database) => {
        const now = deps.clock.now();
        if (!(await repo.expireReport(trx, r.id, now))) return;
        await captures.markImagesPurged(trx, r.account_id, r.request_id, now);
        await event(deps, trx, { id: r.request_id, account_id: r.account_id, file_id: r.file_id }, EVENTS.reportExpired, now);
        expired++;
      });
    }
  }
  // A request cancelled or replaced before submission never gets a report: its photos go at the next sweep.
  for (;;) {
    const abandoned = await captures.abandonedImages();
    if (abandoned.length === 0) break;
    for (const img of abandoned) {
      // Same order: the bytes, then the row, so a crash in between is redone by the next sweep.
      await deps.blobs.delete(img.blob_key!);
      await captures.markImagePurged(img.id, deps.clock.now());
    }
  }
  for (;;) {
    const due = await repo.dueAudit(deps.clock.now());
    if (due.length === 0) break;
    for (const r of due) {
      await repo.purgeAudit(r.id, r.request_id, deps.clock.now());
      auditPurged++;
    }
  }
  return { warned, expired, auditPurged };
}
