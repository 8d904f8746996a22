import { Notices } from '../../../platform/html/console-parts.tsx';
import { TableWrap } from '../../review-desk/index.ts';
import type { ImportRefusal } from '../domain/import-report.ts';
import { CsvForm, Heading } from './views.tsx';

export type ImportKind = 'organizations' | 'roster';
const WHAT: Record<ImportKind, string> = { organizations: 'organizations', roster: 'roster' };

/** The lines an import refused, each with its number and reason; nothing of the file was imported. */
function Refusal({ kind, refusal }: { kind: ImportKind; refusal: ImportRefusal }) {
  return (
    <div class="notice bad" role="alert">
      <p class="error">
        Nothing was imported:{' '}
        {refusal.lines.length === 0
          ? refusal.message
          : `the ${WHAT[kind]} file has ${refusal.lineCount} bad line${refusal.lineCount === 1 ? '' : 's'}.`}
      </p>
      {refusal.lines.length > 0 && (
        <TableWrap label="Refused lines">
          <table>
            <caption class="skip">The refused lines of the file</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {refusal.lines.map((l) => (
                <tr key={l.line}>
                  <td>{l.line}</td>
                  <td>{l.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {refusal.lineCount > refusal.lines.length && (
        <p>The first {refusal.lines.length} are listed; fix them and upload the file again to see the others.</p>
      )}
    </div>
  );
}

/** Organization and roster imports: a CSV each; a file is imported whole in one transaction, or not at all. */
export function ImportsPage(props: { csrf: string; notice: string | null; refused: { kind: ImportKind; refusal: ImportRefusal } | null }) {
  const refusal = (kind: ImportKind) => (props.refused?.kind === kind ? <Refusal kind={kind} refusal={props.refused.refusal} /> : null);
  return (
    <>
      <Heading>Import organizations and rosters</Heading>
      <Notices notice={props.notice} />
      <p class="muted">
        Every line of a file is checked before anything is written: a file with a bad line imports nothing, and its bad lines are listed
        with their numbers (the header is line 1).
      </p>
      <CsvForm
        heading="Organizations"
        headingId="orgs-heading"
        action="/console/programs/imports/organizations"
        csrf={props.csrf}
        fileId="orgs-file"
        fileLabel="CSV file of organizations"
        button="Import the organizations"
        before={refusal('organizations')}
      >
        Columns <code>name,type,country,domain</code> (name and type required), found by the account's programs' organization search.
        Importing a file again adds its organizations again.
      </CsvForm>
      <CsvForm
        heading="Roster"
        headingId="roster-heading"
        action="/console/programs/imports/roster"
        csrf={props.csrf}
        fileId="roster-file"
        fileLabel="CSV file of eligible people"
        button="Import the roster"
        before={refusal('roster')}
        after={
          <label class="check" for="roster-replace">
            <input id="roster-replace" type="checkbox" name="replace" />
            Replace the whole roster (people left out are no longer eligible)
          </label>
        }
      >
        Columns <code>organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate</code>: names, and a birth
        date or an email, are required; dates as <code>YYYY-MM-DD</code>.
      </CsvForm>
    </>
  );
}
