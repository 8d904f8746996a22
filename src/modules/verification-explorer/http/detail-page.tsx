import type { ComponentChildren } from 'preact';
import { Facts, personRows, reasonLabel, sizeText, TableWrap, valueText, When } from '../../review-desk/index.ts';
import type { viewVerification } from '../app/view-verification.ts';
import type { Happening } from '../domain/timeline.ts';

type View = Awaited<ReturnType<typeof viewVerification>>;

/** A webhook address without its query string (which may hold the receiver's own secret). */
const address = (url: string | null) => {
  if (!url) return 'a deleted endpoint';
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'an endpoint';
  }
};

const reasons = (codes: string[]) => (codes.length ? codes.map(reasonLabel).join('; ') : '—');

function happening(h: Happening): [string, ComponentChildren] {
  switch (h.kind) {
    case 'step':
      return [
        'Step',
        <>
          <code>{h.step}</code>
          {h.errorIds.length > 0 && <> · errors: {h.errorIds.join(', ')}</>}
          {h.rejectionReasons.length > 0 && <> · rejection reasons: {reasons(h.rejectionReasons)}</>}
        </>,
      ];
    case 'decision':
      return [
        'Decision',
        `Attempt ${h.attempt} ${h.decision === 'APPROVE' ? 'approved' : `rejected (${reasons(h.rejectionReasons)})`} by ${h.by}`,
      ];
    case 'label':
      return ['Fraud label', `${h.label} by ${h.by}`];
    case 'event':
      return ['Webhook event', <code>{`${h.type} #${h.sequence}`}</code>];
  }
}

const Table = ({ head, children, caption }: { head: string[]; children: ComponentChildren; caption: string }) => (
  <TableWrap label={caption}>
    <table>
      <caption class="skip">{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </TableWrap>
);

/** One verification: its state, person (or a note that it is hidden), history, decisions, documents, webhooks, audit. */
export function DetailPage({ view, canReview }: { view: View; canReview: boolean }) {
  const v = view.verification;
  return (
    <>
      <h1>
        Verification <span class="mono">{v.id}</span>
      </h1>
      <Facts
        rows={[
          ['Program', view.program?.name ?? v.programId],
          ['Segment', v.subSegment ? `${v.segment}, ${v.subSegment}` : v.segment],
          ['Current step', <code>{v.currentStep}</code>],
          ['Test mode', v.testMode ? 'Yes' : 'No'],
          ['Started', <When at={v.created} />],
          ['Last change', <When at={v.updated} />],
          ['Errors', v.errorIds.length ? v.errorIds.join(', ') : '—'],
          ['Document attempts', String(v.docAttempts)],
          ['Organization', v.organizationName ?? '—'],
          ...(view.personal
            ? ([
                ['Tracking id', v.trackingId ?? '—'],
                ['Reward code', v.rewardCode ?? '—'],
              ] as [string, string][])
            : []),
        ]}
      />
      {v.currentStep === 'pending' && canReview && (
        <p>
          <a href={`/console/review/document/${v.id}`}>Review its documents</a>
        </p>
      )}
      <section class="card" aria-labelledby="person-h">
        <h2 id="person-h">The person</h2>
        {!view.personal ? (
          <p class="notice">Personal data is hidden: your role does not include it. Reviewers, verifiers and administrators see it here.</p>
        ) : view.person ? (
          <>
            <Facts rows={personRows(view.person)} />
            {view.metadata && Object.keys(view.metadata).length > 0 && (
              <>
                <h3>Metadata</h3>
                <Facts rows={Object.entries(view.metadata).map(([k, x]) => [k, valueText(x)])} />
              </>
            )}
          </>
        ) : (
          <p class="muted">No personal data is held (not given yet, or erased).</p>
        )}
      </section>
      <section class="card" aria-labelledby="history-h">
        <h2 id="history-h">History</h2>
        <Table head={['When', 'What', 'Detail']} caption="History, oldest first">
          {view.history.map((h, i) => {
            const [what, detail] = happening(h);
            return (
              <tr key={`${h.kind}-${i}`}>
                <td>
                  <When at={h.at} />
                </td>
                <td>{what}</td>
                <td>{detail}</td>
              </tr>
            );
          })}
        </Table>
      </section>
      <section class="card" aria-labelledby="decisions-h">
        <h2 id="decisions-h">Review decisions</h2>
        {view.decisions.length === 0 ? (
          <p class="muted">No decision yet.</p>
        ) : (
          <Table head={['Attempt', 'Decision', 'Rejection reasons', 'By', 'When']} caption="Review decisions">
            {view.decisions.map((d) => (
              <tr key={d.attempt}>
                <td>{d.attempt}</td>
                <td>{d.decision === 'APPROVE' ? 'Approved' : 'Rejected'}</td>
                <td>{reasons(d.rejectionReasons)}</td>
                <td>{d.by}</td>
                <td>
                  <When at={d.at} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        {view.notes.length > 0 && (
          <>
            <h3>Reviewers' notes</h3>
            <ul>
              {view.notes.map((n) => (
                <li key={`${n.attempt}-${n.at.getTime()}`}>
                  {`Attempt ${n.attempt}, ${n.by}: `}
                  {n.note}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section class="card" aria-labelledby="documents-h">
        <h2 id="documents-h">Documents</h2>
        {view.documents.length === 0 ? (
          <p class="muted">No document was declared.</p>
        ) : (
          <Table head={['Attempt', 'File', 'Type', 'Size', 'State', 'Uploaded', 'Flags']} caption="Documents">
            {view.documents.map((d) => (
              <tr key={d.documentId}>
                <td>{d.attempt}</td>
                <td>
                  {d.fileName ?? <span class="muted">{`Document ${d.position + 1} (name hidden)`}</span>}
                  {canReview && d.held && d.status === 'UPLOADED' && (
                    <>
                      {' '}
                      <a href={`/console/documents/verification/${v.id}/${d.documentId}`}>Open</a>
                    </>
                  )}
                  {!d.held && d.status !== 'PENDING' && <span class="muted"> (bytes purged)</span>}
                </td>
                <td>{d.mimeType}</td>
                <td class="nowrap">{sizeText(d.fileSize)}</td>
                <td>{d.status}</td>
                <td>
                  <When at={d.uploaded} />
                </td>
                <td>{d.flags.length ? d.flags.join(', ') : '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section class="card" aria-labelledby="webhooks-h">
        <h2 id="webhooks-h">Webhooks sent</h2>
        {view.webhooks.length === 0 ? (
          <p class="muted">No webhook event was written for this verification.</p>
        ) : (
          <Table head={['Event', 'When', 'Deliveries']} caption="Webhook events and their deliveries">
            {view.webhooks.map((e) => (
              <tr key={e.eventId}>
                <td>
                  <code>{e.type}</code> #{e.sequence}
                </td>
                <td>
                  <When at={e.at} />
                </td>
                <td>
                  {e.deliveries.length === 0 ? (
                    <span class="muted">No endpoint subscribed</span>
                  ) : (
                    <ul>
                      {e.deliveries.map((d) => (
                        <li key={d.id}>
                          {address(d.url)}: {d.status}, {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                          {d.lastStatusCode !== null ? `, last answer ${d.lastStatusCode}` : ''}
                          {d.lastError ? ` (${d.lastError})` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section class="card" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit log</h2>
        {view.audit.length === 0 ? (
          <p class="muted">No entry.</p>
        ) : (
          <Table
            head={['When', 'Action', 'By', 'Outcome', 'Subject']}
            caption="Audit entries about this verification and its documents, newest first"
          >
            {view.audit.map((a) => (
              <tr key={a.id}>
                <td>
                  <When at={new Date(a.at)} />
                </td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>{a.by}</td>
                <td>{a.outcome}</td>
                <td>{a.subject ? `${a.subject.type} ${a.subject.id}` : '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
