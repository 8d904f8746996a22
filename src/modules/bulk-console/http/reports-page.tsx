import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import type { ListedReport } from '../../eligibility-reports/index.ts';
import { MODES, type ReportColumns, type ReportFormValues } from '../domain/report-form.ts';
import { ReportTable } from './report-table.tsx';
import { Heading } from './views.tsx';

/** Verification reports: the request form (range, programs, mode, the columns it holds) and the past reports. */
export function ReportsPage(props: {
  csrf: string;
  programs: { id: string; name: string; testMode: boolean }[];
  reports: ListedReport[];
  columns: ReportColumns;
  form: ReportFormValues;
  problem: string | null;
}) {
  const names = new Map(props.programs.map((p) => [p.id, p.name]));
  return (
    <>
      <Heading back={{ href: '/console/bulk', label: 'Re-verify and reports' }}>Verification reports</Heading>
      <h2 id="request-heading">Request a report</h2>
      <form method="post" action="/console/bulk/reports" class="card" aria-labelledby="request-heading">
        <CsrfField csrf={props.csrf} />
        <Notices error={props.problem} />
        <p class="muted">The account's verifications started in the range (whole days, UTC), as CSV. It is prepared in the background.</p>
        <div class="filters">
          <div>
            <label for="report-start">First day</label>
            <input id="report-start" name="startDate" type="date" required value={props.form.startDate} />
          </div>
          <div>
            <label for="report-end">Last day</label>
            <input id="report-end" name="endDate" type="date" required value={props.form.endDate} />
          </div>
          <div>
            <label for="report-mode">Verifications</label>
            <select id="report-mode" name="mode">
              {MODES.map(([value, label]) => (
                <option key={value} value={value} selected={props.form.mode === value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {props.programs.length > 0 && (
          <fieldset>
            <legend>Programs (none ticked: all)</legend>
            <div class="cards">
              {props.programs.map((p) => (
                <label class="check" key={p.id} for={`report-program-${p.id}`}>
                  <input
                    type="checkbox"
                    id={`report-program-${p.id}`}
                    name={`program.${p.id}`}
                    value="on"
                    checked={props.form.programIds.includes(p.id)}
                  />
                  <span>
                    {p.name}
                    {p.testMode ? <span class="muted"> (test mode)</span> : null}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {(
          [
            ['standard', 'Columns', props.columns.standard],
            ['person', "The person's columns (personal data)", props.columns.person],
          ] as const
        ).map(([scope, legend, list]) => (
          <fieldset key={scope}>
            <legend>{legend}</legend>
            <div class="cards">
              {list.map((c, i) => (
                <label class="check" key={c} for={`report-${scope}-${i}`}>
                  <input
                    type="checkbox"
                    id={`report-${scope}-${i}`}
                    name={`column.${c}`}
                    value="on"
                    checked={props.form.columns.includes(c)}
                  />
                  <span>{c}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <label for="report-metadata">Metadata keys, each a column (comma-separated; empty: every key found)</label>
        <input id="report-metadata" name="metadata" value={props.form.metadata} />
        <div class="actions">
          <button type="submit">Request the report</button>
        </div>
      </form>
      <h2>Reports</h2>
      <p class="muted">Reports are kept: a ready report can be downloaded again at any time, and gives the same file each time.</p>
      {props.reports.length === 0 ? (
        <p class="muted">No report yet.</p>
      ) : (
        <ReportTable reports={props.reports} programs={names} label="Reports" />
      )}
    </>
  );
}
