import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Confirm, Notices } from '../../../platform/html/console-parts.tsx';
import { Facts, TableWrap, When, wireText } from '../../review-desk/index.ts';
import type { FileView, RequestDetails, RequestEntry } from '../app/deps.ts';
import type { ClientValues, Problems } from '../domain/client-form.ts';
import { type LinkState, linkNow } from './file-page.tsx';
import { ActionButton, ClientFields, linkStateText, mailText, requestStatusText } from './views.tsx';

/** The sample reasons a REJECT sample may give (the API's `recommendationReason` values), in words. */
export const SAMPLE_REASONS: [string, string][] = [
  ['DOCUMENT_EXPIRED', 'The document expired'],
  ['DOCUMENT_TAMPERED', 'Check digits do not match'],
  ['DATA_MISMATCH', 'The document disagrees with the profile'],
  ['DUPLICATE_DOCUMENT', 'The document photo was sent for another client'],
  ['FACE_MISMATCH', 'The selfie is not usable'],
  ['ADDRESS_INCOMPLETE', 'The address is incomplete'],
];

export interface RequestPageProps {
  csrf: string;
  details: RequestDetails;
  file: FileView;
  entry: RequestEntry | undefined;
  links: LinkState[];
  activity: Date | null;
  now: Date;
  canChange: boolean;
  testMode: boolean;
  contact: ClientValues;
  problems: Problems;
  notice: string | null;
  error: string | null;
}

const LIVE = ['pending', 'Review Report'];

/** One client's request: its status, the client's details, the history of its links, and what can be done with it. */
export function RequestPage(p: RequestPageProps) {
  const d = p.details;
  const base = `/console/files/requests/${d.clientRequestId}`;
  const fileOpen = p.file.fileStatus !== 'Closed' && p.file.fileStatus !== 'Cancelled';
  const current = d.replacedBy === null;
  const may = p.canChange && fileOpen && current;
  const name = `${d.profile.firstName} ${d.profile.lastName}`;
  return (
    <>
      <p>
        <a href={`/console/files/${p.file.fileReferenceId}`}>
          File {p.file.fileNumber}: {p.file.fileName}
        </a>
      </p>
      <h1>{name}</h1>
      <Notices notice={p.notice} error={p.error ?? (p.problems.list.length ? p.problems.list : null)} />
      {!current && (
        <p class="notice">
          This request was replaced: <a href={`/console/files/requests/${d.replacedBy}`}>open the client's current request</a>.
        </p>
      )}
      <section class="card" aria-labelledby="req-h">
        <h2 id="req-h">The request</h2>
        <Facts
          rows={[
            ['Status', <strong key="s">{requestStatusText(d.requestStatus)}</strong>],
            ['Email', d.profile.email],
            ['Phone number', d.profile.phoneNumber],
            ['Date of birth', d.profile.dateOfBirth ?? '—'],
            ['Language', d.profile.language === 'fr' ? 'French' : d.profile.language === 'en' ? 'English' : "The account's default"],
            ['Your reference', d.requesterClientRequestId ?? '—'],
            ['On the capture page', p.activity ? <When key="a" at={p.activity} /> : 'Not opened yet'],
            ['Request id', <span class="mono">{d.clientRequestId}</span>],
          ]}
        />
        {p.entry?.report && (
          <p>
            <a class="button" href={`${base}/report`}>
              Open report {p.entry.report}
            </a>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="links-h">
        <h2 id="links-h">Links</h2>
        <TableWrap label="Links of the request">
          <table aria-labelledby="links-h">
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col">Issued</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">Mail</th>
              </tr>
            </thead>
            <tbody>
              {d.links.map((l) => {
                const state = p.links.find((s) => s.id === l.id);
                return (
                  <tr key={l.id}>
                    <td>#{l.id}</td>
                    <td class="nowrap">{wireText(l.startDate)}</td>
                    <td class="nowrap">{wireText(l.endDate)}</td>
                    <td>{state ? linkStateText(linkNow(state, p.now)) : '—'}</td>
                    <td>
                      {mailText(l.mailStatus)}
                      {state?.mail_sent_at && (
                        <>
                          {' '}
                          <When at={state.mail_sent_at} />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      </section>
      {may && (
        <section class="card" aria-labelledby="act-h">
          <h2 id="act-h">Send again or stop</h2>
          {d.requestStatus !== 'Approved' && (
            <>
              <p class="muted">
                Re-initiating cancels this request and its link, and sends the client a new request with a new link by mail.
              </p>
              <ActionButton action={`${base}/reinitiate`} csrf={p.csrf} label="Re-initiate: send a new request" />
            </>
          )}
          {d.requestStatus === 'pending' && (
            <>
              <p class="muted">A link to give the client yourself (by text message, say) is shown once; it ends the link mailed before.</p>
              <ActionButton action={`${base}/link`} csrf={p.csrf} label="Get a link to deliver yourself" secondary />
            </>
          )}
          {LIVE.includes(d.requestStatus) && (
            <div class="actions">
              <Confirm summary="Cancel this request" action={`${base}/cancel`} csrf={p.csrf} button="Cancel the request" />
            </div>
          )}
        </section>
      )}
      {may && p.testMode && d.requestStatus === 'pending' && (
        <form method="post" action={`${base}/sample`} class="card" aria-labelledby="sample-h">
          <h2 id="sample-h">Sample report (test account)</h2>
          <CsrfField csrf={p.csrf} />
          <p class="muted">A report as if the client had verified, to try the review. Approving a sample verifies no one.</p>
          <label for="sample-value">Recommendation</label>
          <select id="sample-value" name="recommendationValue">
            <option value="APPROVE">Approve</option>
            <option value="REJECT">Reject</option>
          </select>
          <label for="sample-reason">Reason, to reject</label>
          <select id="sample-reason" name="recommendationReason">
            <option value="">None</option>
            {SAMPLE_REASONS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit" class="secondary">
              Make a sample report
            </button>
          </div>
        </form>
      )}
      {may && (
        <form method="post" action={`${base}/contact`} class="card" aria-labelledby="contact-h" novalidate>
          <h2 id="contact-h">Contact details</h2>
          <CsrfField csrf={p.csrf} />
          <p class="muted">
            {LIVE.includes(d.requestStatus)
              ? 'Saving a change cancels this request and sends the client a new one, with a new link, at the new details.'
              : "Saving a change updates the client's details; no new request is sent."}
          </p>
          <ClientFields prefix="" values={p.contact} problems={p.problems.byField} />
          <div class="actions">
            <button type="submit">Save the contact details</button>
          </div>
        </form>
      )}
    </>
  );
}

/** The page that shows a link to deliver oneself: its only showing. */
export function IssuedLinkPage(props: { requestId: string; name: string; link: string; endDate: string | null; replaced: number | null }) {
  return (
    <>
      <p>
        <a href={`/console/files/requests/${props.requestId}`}>Back to {props.name}</a>
      </p>
      <h1>A link for {props.name}</h1>
      <section class="card" aria-labelledby="link-h">
        <h2 id="link-h">The link</h2>
        <p class="notice" role="status">
          Copy it now: it is shown on this page only. It works until {wireText(props.endDate)}
          {props.replaced !== null ? `, and link #${props.replaced} no longer works` : ''}.
        </p>
        <p>
          <code id="issued-link">{props.link}</code>
        </p>
      </section>
    </>
  );
}
