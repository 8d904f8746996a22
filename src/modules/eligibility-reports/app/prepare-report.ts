import type { Database } from '../../../platform/db/index.ts';
import { PREPARE_REPORT_JOB, type ReportsDeps } from './deps.ts';
import { failReport } from './fail-report.ts';
import { sourceRows } from './report-rows.ts';

/**
 * The job that makes a report ready: waits for its batch, then fixes what the CSV needs beyond the rows
 * (the metadata columns present, the requester's name) so that every download is the same bytes.
 */
export async function prepareReport(deps: ReportsDeps, reportId: string) {
  const report = await deps.repo.findById(reportId);
  if (report?.status !== 'PENDING') return;
  if (report.kind === 'reverify') {
    const batch = await deps.batch(report.account_id, report.batch_id!);
    if (batch?.status === 'FAILED')
      return failReport(deps, report.id, `The re-verification batch failed: ${batch.failure_reason ?? 'no reason was recorded'}`);
    if (batch?.status !== 'COMPLETE') return; // the batch's end enqueues this job again
  }
  const keys = new Set<string>();
  for await (const row of sourceRows(deps, report)) {
    if (row.metadata_enc) for (const k of Object.keys(deps.box.decryptJson<Record<string, string>>(row.metadata_enc))) keys.add(k);
  }
  const who = await deps.repo.requester(report.account_id, report.requester);
  const params = {
    ...report.params,
    // A request that chose metadata fields gets a column for each, in its order, found or not.
    metadataKeys: Array.isArray(report.params.metadataFields) ? [...new Set(report.params.metadataFields as string[])] : [...keys].sort(),
    userId: who?.user_id ?? who?.token_id ?? report.requester,
    username: who?.email_enc ? deps.box.decrypt(who.email_enc) : (who?.name ?? ''),
  };
  await deps.repo.transaction(async (trx: Database) => {
    if (!(await deps.repo.complete(report.id, params, deps.clock.now(), trx))) return;
    await deps.events.emit(trx, {
      accountId: report.account_id,
      type: 'report.complete',
      subjectId: report.id,
      payload: {
        reportId: report.id,
        kind: report.kind,
        batchId: report.batch_id,
        status: 'COMPLETE',
        statusUrl: `${deps.publicUrl}/rest/v2/report/${report.id}/status`,
        retrievalUrl: `${deps.publicUrl}/rest/v2/report/${report.id}`,
      },
    });
  });
}

/** Registers the job (a report whose job gives up fails) and re-enqueues reports a stopped process left pending. */
export async function startReportWorker(deps: ReportsDeps) {
  await deps.jobs.work<{ reportId: string }>(
    PREPARE_REPORT_JOB,
    (data) => prepareReport(deps, data.reportId),
    (data, reason) => failReport(deps, data.reportId, `The report could not be prepared: ${reason}`),
  );
  for (const { id } of await deps.repo.pending()) await deps.jobs.send(PREPARE_REPORT_JOB, { reportId: id });
}
