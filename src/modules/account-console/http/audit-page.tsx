import { TableWrap, When } from '../../review-desk/index.ts';
import type { auditLogPage } from '../app/audit-log.ts';
import { actorText } from '../domain/audit-csv.ts';
import { type AuditFilter, filterQuery } from '../domain/audit-filter.ts';
import { AccountNav } from './views.tsx';

type Listed = Awaited<ReturnType<typeof auditLogPage>>;

const PATH = '/console/account/audit';

const Field = ({ id, name, label, value, date }: { id: string; name: string; label: string; value?: string; date?: boolean }) => (
  <div>
    <label for={id}>{label}</label>
    {date ? <input id={id} name={name} type="date" value={value ?? ''} /> : <input id={id} name={name} type="text" value={value ?? ''} />}
  </div>
);

/** The account's audit log: filters, the entries newest first, paging, and the filtered entries as CSV. */
export function AuditPage({ listed, filter }: { listed: Listed; filter: AuditFilter }) {
  const kept = filterQuery(filter);
  const exportHref = `${PATH}/export.csv${kept ? `?${kept}` : ''}`;
  return (
    <>
      <h1>Audit log</h1>
      <AccountNav here="audit" />
      <form class="filters" method="get" action={PATH} aria-label="Filter the audit log">
        <Field id="a-action" name="action" label="Action" value={filter.action} />
        <Field id="a-actor" name="actor" label="Actor (email or id)" value={filter.actor} />
        <Field id="a-subject" name="subject" label="Subject id" value={filter.subject} />
        <Field id="a-from" name="from" label="From" date value={filter.fromDay} />
        <Field id="a-to" name="to" label="Until" date value={filter.toDay} />
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <p>
        <a href={exportHref} download>
          Download these entries (CSV)
        </a>
      </p>
      {listed.unknownActor && <p class="notice">Nobody in this account has that email.</p>}
      {listed.entries.length === 0 ? (
        !listed.unknownActor && <p class="notice">No entry matches these filters.</p>
      ) : (
        <TableWrap label="Audit entries, newest first">
          <table>
            <caption class="skip">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Subject</th>
                <th scope="col">Outcome</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {listed.entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <When at={new Date(e.at)} />
                  </td>
                  <td>
                    <code class="nowrap">{e.action}</code>
                  </td>
                  <td>
                    <span class="muted">{e.actor.type}</span> <span class="nowrap">{actorText(e, listed.names) || '—'}</span>
                  </td>
                  <td>
                    {e.subject ? (
                      <>
                        <span class="muted">{e.subject.type}</span> <span class="mono nowrap">{e.subject.id}</span>
                      </>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td>{e.outcome}</td>
                  <td>
                    <span class="mono nowrap">
                      {e.method} {e.route}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav class="pager" aria-label="Pages">
        {filter.before && <a href={`${PATH}${kept ? `?${kept}` : ''}`}>First page</a>}
        {listed.next && <a href={`${PATH}?${kept ? `${kept}&` : ''}before=${encodeURIComponent(listed.next)}`}>Next page</a>}
      </nav>
    </>
  );
}
