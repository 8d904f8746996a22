import { CsrfField } from '../../../platform/html/console-page.tsx';
import type { ListedReport } from '../../eligibility-reports/index.ts';
import type { BulkConsoleDeps } from '../app/deps.ts';
import { Facts, When } from '../../review-desk/index.ts';
import { Heading, Progress, statusText, unfinished } from './views.tsx';

type Status = Awaited<ReturnType<BulkConsoleDeps['batches']['status']>>;

/** One batch: its progress (the page reloads itself while it runs) and its report. */
export function BatchPage(props: { csrf: string; batch: Status; programName: string | null; reports: ListedReport[]; canReport: boolean }) {
  const b = props.batch;
  const running = unfinished(b.status);
  const ready = props.reports.find((r) => r.status === 'COMPLETE');
  const waiting = props.reports.some((r) => r.status === 'PENDING');
  return (
    <>
      <Heading back={{ href: '/console/bulk/batches', label: 'Re-verification' }}>
        Batch <span class="mono">{b.batchId}</span>
      </Heading>
      <section class="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <Facts
          rows={[
            ['Status', <strong key="s">{statusText(b.status)}</strong>],
            ['Program', props.programName ?? '—'],
            ['Processed', <Progress key="p" done={b.recordsProcessed} total={b.totalRecords} />],
            ['Started', <When key="c" at={b.created} />],
            ...(b.failureReason ? ([['Why it failed', b.failureReason]] as [string, string][]) : []),
          ]}
        />
        {running && (
          <p class="muted">
            This page shows the latest progress every few seconds. <a href={`/console/bulk/batches/${b.batchId}`}>Refresh now</a>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="report-heading">
        <h2 id="report-heading">Report</h2>
        {ready ? (
          <p>
            <a class="button" href={`/console/bulk/reports/${ready.id}/download`} download>
              Download the report (CSV)
            </a>
          </p>
        ) : waiting ? (
          <p>The report is prepared once the batch has ended.</p>
        ) : null}
        {props.reports
          .filter((r) => r.status === 'ERROR')
          .map((r) => (
            <p key={r.id}>
              <a href={`/console/bulk/reports/${r.id}`}>A report</a> failed: {r.failureReason ?? 'no reason was recorded'}.
            </p>
          ))}
        {!ready && !waiting && props.canReport && (
          <form method="post" action={`/console/bulk/batches/${b.batchId}/report`}>
            <CsrfField csrf={props.csrf} />
            <p class="muted">{b.status === 'FAILED' ? 'A report of a failed batch fails with it.' : 'No report is being prepared.'}</p>
            <button type="submit" class="secondary">
              Prepare the report
            </button>
          </form>
        )}
      </section>
    </>
  );
}
