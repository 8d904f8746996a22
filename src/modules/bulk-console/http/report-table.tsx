import type { ListedReport } from '../../eligibility-reports/index.ts';
import { TableWrap, When } from '../../review-desk/index.ts';
import { statusText } from './views.tsx';

const day = (iso: string) => iso.slice(0, 10);

/** What a report covers, in a few words. */
export function reportSubject(r: ListedReport, programs: Map<string, string>): string {
  // The batch's id shortened: enough to tell batches apart in a list; its page shows it whole.
  if (r.kind === 'reverify') return `Re-verification batch ${r.batchId?.slice(0, 8)}…`;
  const range = r.range ? `${day(r.range.start)} to ${day(r.range.end)}` : 'Verifications';
  const which = r.programIds?.length ? r.programIds.map((id) => programs.get(id) ?? id).join(', ') : 'all programs';
  const mode = r.mode === 'ALL' ? 'live and test' : r.mode === 'TEST' ? 'test mode' : 'live';
  return `${range}, ${which}, ${mode}`;
}

/** Reports as a table: what each covers, its status, and its download once ready. */
export function ReportTable({ reports, programs, label }: { reports: ListedReport[]; programs: Map<string, string>; label: string }) {
  return (
    <TableWrap label={label}>
      <table>
        <caption class="skip">{label}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
            <th scope="col">Ready</th>
            <th scope="col">CSV</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/console/bulk/reports/${r.id}`}>{reportSubject(r, programs)}</a>
              </td>
              <td>
                {statusText(r.status)}
                {r.failureReason && <span class="muted"> ({r.failureReason})</span>}
              </td>
              <td>
                <When at={r.created} />
              </td>
              <td>
                <When at={r.status === 'COMPLETE' ? r.completed : null} />
              </td>
              <td>
                {r.status === 'COMPLETE' ? (
                  <a href={`/console/bulk/reports/${r.id}/download`} download>
                    Download<span class="skip"> report {r.id}</span>
                  </a>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
