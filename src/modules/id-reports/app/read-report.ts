import type { Database } from '../../../platform/db/index.ts';
import { isoDate } from '../../../shared/clock.ts';
import { autoDecision, READING_CHECK_NAMES, readIdImages, type IdReadingInput } from '../../document-reading/index.ts';
import { REQUEST_STATUS } from '../../client-requests/index.ts';
import { analyse, type Check } from '../domain/checks.ts';
import type { ReportContent } from './build-report.ts';
import type { IdReportsDeps } from './deps.ts';
import { reviewReport } from './review.ts';

/** The job that reads a submitted capture's photos, keyed by its request. */
export const READ_REPORT_JOB = 'id-report-read';
export interface ReadReportJob {
  accountId: string;
  requestId: string;
}

/** What the reading left in the report: when, and whether its automatic decision is still to be made. */
export interface ReportReading {
  readAt: string;
  auto: 'pending' | 'done';
  decision?: 'APPROVE' | 'REJECT' | null;
  reason?: string;
}

/** Queues the reading of a report's photos in the caller's transaction (nothing when reading is off). */
export async function queueReportReading(deps: IdReportsDeps, trx: Database, job: ReadReportJob) {
  if (deps.reader) await deps.jobs.send(READ_REPORT_JOB, job, { exec: trx });
}

/** The account's automatic-approval setting (`autoApproveReports`, off unless turned on). */
async function autoApproves(deps: IdReportsDeps, accountId: string) {
  return (await deps.repo.settings(accountId)).auto_approve_reports;
}

/**
 * Stores the reading's checks in the report (replacing any earlier reading checks), recomputes its results
 * and marks it read; once only: a report already read is left as it is.
 */
async function storeChecks(deps: IdReportsDeps, job: ReadReportJob, readingChecks: Check[]) {
  return deps.repo.transaction(async (trx: Database) => {
    const report = await deps.idReports.reportOf(job.accountId, job.requestId, trx, true);
    if (!report?.content_enc || report.expired_at) return null;
    const content = deps.box.decryptJson<ReportContent>(report.content_enc);
    if (content.reading) return { report, content };
    const names: readonly string[] = READING_CHECK_NAMES;
    const checks = [...content.checks.filter((c) => !names.includes(c.name)), ...readingChecks];
    const next: ReportContent = { ...content, checks, reading: { readAt: deps.clock.now().toISOString(), auto: 'pending' } };
    const { identityAnalysisResult, fraudAnalysisResult } = analyse(checks);
    await deps.idReports.updateContent(trx, job.accountId, report.id, {
      content_enc: deps.box.encryptJson(next),
      identity_result: identityAnalysisResult,
      fraud_result: fraudAnalysisResult,
    });
    return { report, content: next };
  });
}

/** Records the automatic decision (or that there was none) in the report: the job's last step. */
async function markDecided(deps: IdReportsDeps, job: ReadReportJob, reading: ReportReading) {
  await deps.repo.transaction(async (trx: Database) => {
    const report = await deps.idReports.reportOf(job.accountId, job.requestId, trx, true);
    if (!report?.content_enc) return;
    const content = deps.box.decryptJson<ReportContent>(report.content_enc);
    await deps.idReports.updateContent(trx, job.accountId, report.id, {
      content_enc: deps.box.encryptJson({ ...content, reading }),
      identity_result: report.identity_result,
      fraud_result: report.fraud_result,
    });
  });
}

/**
 * The reading job: reads the front and back photos from the blob store, adds `mrzFromImage` and
 * `barcodeFromImage` to the report's checks, recomputes its results, then applies the account's automatic
 * decision through the reviewer's own use case (same events and webhooks), audited as Vouch's. Each step
 * is recorded in the report, so a job re-run after a crash redoes only what was not done.
 */
export async function readReport(deps: IdReportsDeps, job: ReadReportJob, failure?: string) {
  const reader = deps.reader;
  if (!reader && !failure) return;
  const found = await deps.idReports.reportOf(job.accountId, job.requestId);
  if (!found?.content_enc || found.expired_at) return;
  let content = deps.box.decryptJson<ReportContent>(found.content_enc);
  if (!content.reading) {
    let checks: Check[];
    if (failure || !reader) {
      const why = `The photos could not be read: ${failure ?? 'reading is off'}`;
      checks = READING_CHECK_NAMES.filter((n) => n !== 'documentText').map((name) => ({
        name,
        result: 'not-run',
        reason: why,
        highRisk: false,
      }));
    } else {
      const images = await deps.captures.images(job.accountId, job.requestId);
      const side = async (kind: 'front' | 'back') => {
        const img = images.find((i) => i.kind === kind && i.blob_key && !i.purged_at);
        if (!img?.blob_key) return null;
        const bytes = await deps.blobs.read(img.blob_key).catch(() => null);
        return bytes ? { bytes, width: img.width, height: img.height } : null;
      };
      const e = content.entered;
      const reading = await readIdImages(reader, {
        documentType: e.document.type as IdReadingInput['documentType'],
        front: await side('front'),
        back: await side('back'),
        person: {
          firstName: content.profile.firstName,
          lastName: content.profile.lastName,
          dateOfBirth: content.profile.dateOfBirth ?? e.identity.dateOfBirth ?? null,
        },
        entered: { number: e.document.number ?? null, expiryDate: e.document.expiryDate ?? null },
        today: isoDate(deps.clock.now()),
      });
      // Stopping mid-reading is no answer about the photos: the job runs again after the restart.
      if (reading.checks.some((c) => c.reason === 'The server was stopping')) throw new Error('The server stopped while reading');
      checks = reading.checks;
    }
    const stored = await storeChecks(deps, job, checks);
    if (!stored) return;
    content = stored.content;
  }
  if (content.reading?.auto !== 'pending') return;
  const verdict = (await autoApproves(deps, job.accountId))
    ? autoDecision(content.checks, { autoApprove: true, autoRejectOn: [] })
    : { decision: null, reason: 'Automatic approval is off: a reviewer decides' };
  const request = await deps.repo.findRequest(job.accountId, job.requestId);
  if (verdict.decision && request?.status === REQUEST_STATUS.review && !found.sample) {
    await reviewReport(deps, job.accountId, { clientRequestId: job.requestId, decision: verdict.decision, reason: verdict.reason });
    await deps.audit?.({
      accountId: job.accountId,
      action: verdict.decision === 'APPROVE' ? 'report.auto-approved' : 'report.auto-rejected',
      actor: { type: 'system', id: 'document-reading' },
      subject: { type: 'client-request', id: job.requestId },
      outcome: 200,
      method: 'JOB',
      route: READ_REPORT_JOB,
      ip: null,
    });
  }
  await markDecided(deps, job, { ...content.reading, auto: 'done', decision: verdict.decision, reason: verdict.reason });
}

/** Registers the reading job: a job that gives up leaves the readings `not-run` with why. */
export async function startReportReading(deps: IdReportsDeps) {
  if (!deps.reader) return;
  await deps.jobs.work<ReadReportJob>(
    READ_REPORT_JOB,
    (job) => readReport(deps, job),
    (job, reason) => readReport(deps, job, reason),
  );
}
