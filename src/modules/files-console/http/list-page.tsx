import { Notices } from '../../../platform/html/console-parts.tsx';
import { TableWrap, When } from '../../review-desk/index.ts';
import type { FileFilter, ListedFile } from '../infra/file-list-queries.ts';
import { fileStatusText } from './views.tsx';

export const FILTERS: [FileFilter, string][] = [
  ['all', 'All files'],
  ['open', 'Open files'],
  ['action', 'With a report to review'],
  ['ended', 'Closed or cancelled'],
];

/** A listed file's status: derived as the API derives it (ended, a report to review, else in progress). */
const statusOf = (f: ListedFile) =>
  fileStatusText(f.closedStatus ?? (f.inReview > 0 ? 'Action Required' : f.clients > 0 ? 'In Progress' : null));

/** The account's client files, newest first, searched by number, name or reference and filtered by status. */
export function ListPage(props: {
  files: ListedFile[];
  q: { text: string; filter: FileFilter; page: number };
  more: boolean;
  canCreate: boolean;
  notice: string | null;
}) {
  const { q } = props;
  const query = (page: number) => {
    const p = new URLSearchParams();
    if (q.text) p.set('q', q.text);
    if (q.filter !== 'all') p.set('status', q.filter);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `/console/files?${s}` : '/console/files';
  };
  return (
    <>
      <h1>Client files</h1>
      <Notices notice={props.notice} />
      <p class="muted">
        A file holds one matter: each of its clients gets a link by mail to verify their identity, and a report comes back for review.
      </p>
      {props.canCreate && (
        <p>
          <a class="button" href="/console/files/new">
            New file
          </a>
        </p>
      )}
      <search>
        <form method="get" action="/console/files" class="filters">
          <div>
            <label for="files-q">File number, name or your reference</label>
            <input id="files-q" name="q" type="search" value={q.text} />
          </div>
          <div>
            <label for="files-status">Show</label>
            <select id="files-status" name="status">
              {FILTERS.map(([value, label]) => (
                <option key={value} value={value} selected={q.filter === value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" class="secondary">
              Search
            </button>
          </div>
        </form>
      </search>
      {props.files.length === 0 ? (
        <p class="muted">{q.text || q.filter !== 'all' ? 'No file matches.' : 'No file yet.'}</p>
      ) : (
        <TableWrap label="Client files">
          <table>
            <caption class="skip">The account's client files, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Your reference</th>
                <th scope="col">Status</th>
                <th scope="col">Clients</th>
                <th scope="col">Opened</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {props.files.map((f) => (
                <tr key={f.id}>
                  <td>
                    <a href={`/console/files/${f.id}`}>{f.fileNumber}</a>
                    <br />
                    <span class="muted">{f.fileName}</span>
                  </td>
                  <td>{f.reference}</td>
                  <td>{statusOf(f)}</td>
                  <td>
                    {f.clients}
                    {f.inReview > 0 && <span class="muted"> ({f.inReview} to review)</span>}
                  </td>
                  <td>
                    <When at={f.created} />
                  </td>
                  <td>
                    <When at={f.updated} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {(q.page > 1 || props.more) && (
        <nav class="pager" aria-label="Pages">
          {q.page > 1 && <a href={query(q.page - 1)}>Newer files</a>}
          {props.more && <a href={query(q.page + 1)}>Older files</a>}
        </nav>
      )}
    </>
  );
}
