import { PREPARE_REPORT_JOB, type ReportsDeps } from './deps.ts';
import { sourceRows } from './report-rows.ts';

/**
 * The job that makes a report ready: waits for its batch, then fixes what the CSV needs beyond the rows
 * (the metadata columns present, the requester's name) so that every download is the same bytes.
 */
export async function prepareReport(deps: ReportsDeps, reportId: string) {
  const report = await deps.repo.findById(reportId);
  if (!report || report.status !== 'PENDING') return;
  if (report.kind === 'reverify') {
    const batch = await deps.batch(report.account_id, report.batch_id!);
    if (!batch || batch.status !== 'COMPLETE') return; // the batch's completion enqueues this job again
  }
  const keys = new Set<string>();
  for await (const row of sourceRows(deps, report)) {
    if (row.metadata_enc) for (const k of Object.keys(deps.box.decryptJson<Record<string, string>>(row.metadata_enc))) keys.add(k);
  }
  const who = await deps.repo.requester(report.account_id, report.requester);
  await deps.repo.complete(report.id, {
    ...report.params,
    metadataKeys: [...keys].sort(),
    userId: who?.user_id ?? who?.token_id ?? report.requester,
    username: who?.email_enc ? deps.box.decrypt(who.email_enc) : who?.name ?? '',
  }, deps.clock.now());
}

/** Registers the job and re-enqueues reports a stopped process left pending. */
export async function startReportWorker(deps: ReportsDeps) {
  await deps.jobs.work<{ reportId: string }>(PREPARE_REPORT_JOB, (data) => prepareReport(deps, data.reportId));
  for (const { id } of await deps.repo.pending()) await deps.jobs.send(PREPARE_REPORT_JOB, { reportId: id });
}
