import { Confirm, Notices } from '../../../platform/html/console-parts.tsx';
import { Facts, TableWrap, When, wireText } from '../../review-desk/index.ts';
import type { FileEvent, FileView, RequestEntry } from '../app/deps.ts';
import { fileStatusText, linkStateText, requestStatusText } from './views.tsx';

export interface LinkState {
  id: number;
  request_id: string;
  status: string;
  end_date: Date;
  mail_sent_at: Date | null;
  send_mail: boolean;
}

export interface FilePageProps {
  csrf: string;
  file: FileView;
  created: Date | null;
  /** Each request's successor, when it was replaced (re-initiated, or its client changed). */
  replacedBy: Map<string, string | null>;
  links: LinkState[];
  activity: Map<string, Date>;
  events: FileEvent[];
  now: Date;
  canChange: boolean;
  notice: string | null;
  error: string | null;
}

/** A link's state now: the recorded one, or expired once past its end (the sweep records that a little later). */
export const linkNow = (l: { status: string; end_date: Date }, now: Date) =>
  l.status === 'active' && now >= l.end_date ? 'expired' : l.status;

function LatestLink({ r, links, now }: { r: RequestEntry; links: LinkState[]; now: Date }) {
  const last = r.links.at(-1);
  if (!last) return <span class="muted">—</span>;
  const state = links.find((l) => l.id === last.id);
  return (
    <>
      {state ? linkStateText(linkNow(state, now)) : '—'}
      <br />
      <span class="muted">
        {state?.mail_sent_at ? 'mailed' : 'issued'} {wireText(last.startDate)}, until {wireText(last.endDate)}
      </span>
    </>
  );
}

/** One file: its clients' requests, their links and reports, what happened to it, its transaction key, and its end. */
export function FilePage(p: FilePageProps) {
  const { file } = p;
  const current = file.requests.filter((r) => !p.replacedBy.get(r.clientRequestId));
  const replaced = file.requests.filter((r) => p.replacedBy.get(r.clientRequestId));
  const open = file.fileStatus !== 'Closed' && file.fileStatus !== 'Cancelled';
  const names = new Map(file.requests.map((r) => [r.clientRequestId, `${r.firstName} ${r.lastName}`]));
  return (
    <>
      <p>
        <a href="/console/files">Client files</a>
      </p>
      <h1>
        File {file.fileNumber}: {file.fileName}
      </h1>
      <Notices notice={p.notice} error={p.error} />
      <section class="card" aria-labelledby="file-h">
        <h2 id="file-h">The file</h2>
        <Facts
          rows={[
            ['Status', <strong key="s">{fileStatusText(file.fileStatus)}</strong>],
            ['Your reference', file.requesterReferenceId],
            ['Opened', <When key="o" at={p.created} />],
            ['File id', <span class="mono">{file.fileReferenceId}</span>],
          ]}
        />
      </section>
      <section class="card" aria-labelledby="clients-h">
        <h2 id="clients-h">Clients</h2>
        {current.length === 0 ? (
          <p class="muted">No client yet.</p>
        ) : (
          <TableWrap label="Clients of the file">
            <table aria-labelledby="clients-h">
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Request</th>
                  <th scope="col">Latest link</th>
                  <th scope="col">On the page</th>
                  <th scope="col">Report</th>
                </tr>
              </thead>
              <tbody>
                {current.map((r) => (
                  <tr key={r.clientRequestId}>
                    <td>
                      <a href={`/console/files/requests/${r.clientRequestId}`}>
                        {r.firstName} {r.lastName}
                      </a>
                      <br />
                      <span class="muted">{r.email}</span>
                    </td>
                    <td>{requestStatusText(r.requestStatus)}</td>
                    <td>
                      <LatestLink r={r} links={p.links} now={p.now} />
                    </td>
                    <td>
                      {p.activity.has(r.clientRequestId) ? (
                        <When at={p.activity.get(r.clientRequestId)} />
                      ) : (
                        <span class="muted">Not opened yet</span>
                      )}
                    </td>
                    <td>
                      {r.report ? (
                        <>
                          <a href={`/console/files/requests/${r.clientRequestId}/report`}>Report {r.report}</a>
                          <br />
                          <span class="muted">available until {wireText(r.verificationReportExpiryDate)}</span>
                        </>
                      ) : (
                        <span class="muted">None yet</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {replaced.length > 0 && (
          <details>
            <summary>Replaced requests ({replaced.length})</summary>
            <ul>
              {replaced.map((r) => (
                <li key={r.clientRequestId}>
                  <a href={`/console/files/requests/${r.clientRequestId}`}>
                    {r.firstName} {r.lastName}
                  </a>
                  : {requestStatusText(r.requestStatus)}, replaced by a new request
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section class="card" aria-labelledby="key-h">
        <h2 id="key-h">Transaction key</h2>
        <p>
          Share this key with a third party (a title insurer, say) to let them read the file's clients, their statuses and report summaries,
          without an account and without personal details or photos (<code>POST /api/casefile/transaction</code>).
        </p>
        <p>
          <code id="transaction-key">{file.transactionKey}</code>
        </p>
      </section>
      <section class="card" aria-labelledby="events-h">
        <h2 id="events-h">What happened</h2>
        <TableWrap label="Events of the file">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Client</th>
              </tr>
            </thead>
            <tbody>
              {p.events.map((e, i) => (
                <tr key={i}>
                  <td class="nowrap">{wireText(e.timeStamp)}</td>
                  <td>{e.message}</td>
                  <td>{e.clientRequestId ? (names.get(e.clientRequestId) ?? '—') : 'The file'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      {p.canChange && open && (
        <section class="card" aria-labelledby="end-h">
          <h2 id="end-h">End the file</h2>
          <p class="muted">Ending a file cancels the requests still waiting for their client, and their links stop working.</p>
          <div class="actions">
            <Confirm
              summary="Close the file (the matter is done)"
              action={`/console/files/${file.fileReferenceId}/close`}
              csrf={p.csrf}
              button="Close the file"
            />
            <Confirm
              summary="Cancel the file"
              action={`/console/files/${file.fileReferenceId}/cancel`}
              csrf={p.csrf}
              button="Cancel the file"
            />
          </div>
        </section>
      )}
    </>
  );
}
