import type { BulkConsoleDeps } from '../app/deps.ts';
import { Facts, When } from '../../review-desk/index.ts';
import { Heading, statusText } from './views.tsx';

type Status = Awaited<ReturnType<BulkConsoleDeps['reports']['status']>>;

/** One report: its status (the page reloads itself while it is prepared) and its download once ready. */
export function ReportPage({ report }: { report: Status }) {
  return (
    <>
      <Heading back={{ href: '/console/bulk/reports', label: 'Verification reports' }}>
        Report <span class="mono">{report.id}</span>
      </Heading>
      <section class="card" aria-labelledby="report-status">
        <h2 id="report-status">Status</h2>
        <Facts
          rows={[
            ['Status', <strong key="s">{statusText(report.status)}</strong>],
            ['Requested', <When key="c" at={report.created} />],
            ...(report.failureReason ? ([['Why it failed', report.failureReason]] as [string, string][]) : []),
          ]}
        />
        {report.status === 'PENDING' && (
          <p class="muted">
            The report is being prepared; this page looks again every few seconds.{' '}
            <a href={`/console/bulk/reports/${report.id}`}>Refresh now</a>
          </p>
        )}
        {report.status === 'COMPLETE' && (
          <p>
            <a class="button" href={`/console/bulk/reports/${report.id}/download`} download>
              Download the report (CSV)
            </a>
          </p>
        )}
      </section>
    </>
  );
}
