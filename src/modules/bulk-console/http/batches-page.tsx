import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import type { ListedBatch } from '../../reverification/index.ts';
import { TableWrap, When } from '../../review-desk/index.ts';
import { Heading, Progress, statusText } from './views.tsx';

export interface BatchForm {
  programId: string;
  ids: string;
}

/** Re-verification: the form that starts a batch from a CSV of ids, and the account's batches. */
export function BatchesPage(props: {
  csrf: string;
  programs: { id: string; name: string; testMode: boolean }[];
  batches: ListedBatch[];
  form: BatchForm;
  problem: string | null;
  maxBatch: number;
}) {
  const names = new Map(props.programs.map((p) => [p.id, p.name]));
  return (
    <>
      <Heading back={{ href: '/console/bulk', label: 'Re-verify and reports' }}>Re-verification</Heading>
      <h2 id="start-heading">Start a batch</h2>
      <form method="post" action="/console/bulk/batches" enctype="multipart/form-data" class="card" aria-labelledby="start-heading">
        <CsrfField csrf={props.csrf} />
        <Notices error={props.problem} />
        <p class="muted">
          Each verification is checked again with the data it was made with, and gives a new verification. Up to{' '}
          {props.maxBatch.toLocaleString('en')} ids per batch, one per line in the first column; a header line is skipped. A report of the
          batch is prepared when it ends.
        </p>
        <label for="batch-program">Program</label>
        <select id="batch-program" name="programId" required>
          <option value="">Choose a program</option>
          {props.programs.map((p) => (
            <option key={p.id} value={p.id} selected={p.id === props.form.programId}>
              {p.name}
              {p.testMode ? ' (test mode)' : ''}
            </option>
          ))}
        </select>
        <label for="batch-file">CSV file of verification ids</label>
        <input id="batch-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" />
        <label for="batch-ids">Or paste the ids</label>
        <textarea id="batch-ids" name="ids" rows={5} class="mono" spellcheck={false} aria-describedby="batch-ids-hint">
          {props.form.ids}
        </textarea>
        <p id="batch-ids-hint" class="muted">
          One id per line, such as <code>5d4a5b672988eb627bb6ffa6</code>.
        </p>
        <div class="actions">
          <button type="submit">Start the batch</button>
        </div>
      </form>
      <h2>Batches</h2>
      {props.batches.length === 0 ? (
        <p class="muted">No batch yet.</p>
      ) : (
        <TableWrap label="Re-verification batches">
          <table>
            <caption class="skip">The account's re-verification batches, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Program</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {props.batches.map((b) => (
                <tr key={b.batchId}>
                  <td>
                    <a class="mono" href={`/console/bulk/batches/${b.batchId}`}>
                      {b.batchId}
                    </a>
                  </td>
                  <td>{names.get(b.programId) ?? b.programId}</td>
                  <td>{statusText(b.status)}</td>
                  <td>
                    <Progress done={b.recordsProcessed} total={b.totalRecords} />
                  </td>
                  <td>
                    <When at={b.created} />
                  </td>
                  <td>
                    <When at={b.completed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
