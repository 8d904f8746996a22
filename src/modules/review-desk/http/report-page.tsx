import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../platform/html/console-page.tsx';
import type { ReportSubject } from '../app/deps.ts';
import type { Claim } from '../domain/claims.ts';
import { DocumentViewer, Shortcuts } from './viewer.tsx';
import { PHOTO_NAMES, ReportChecks, ReportClient, wireText } from './report-parts.tsx';
import { Facts, FilterFields, filterQuery, valueText, When, words } from './views.tsx';

export interface ReportPageProps {
  subject: ReportSubject;
  claim: Claim | null;
  filter: { programId?: string; kind?: string };
  csrf: string;
}

/** One client ID report: the client as read and as entered, the checks, earlier requests, the photos, the decision. */
export function ReportPage({ subject, claim, filter, csrf }: ReportPageProps) {
  const { info, request, file } = subject;
  const awaiting = claim !== null;
  const client = info.clientInformation;
  return (
    <>
      <h1>Client ID report</h1>
      <Facts
        rows={[
          ['Request', <span class="mono">{request.id}</span>],
          ['Report', `${info.reportNumber}${info.sampleReport ? ' (sample report: approving it verifies no one)' : ''}`],
          ['File', file ? `${file.fileNumber}, ${file.fileName}` : '—'],
          ['Status', request.status],
          ['In review since', wireText(info.reviewStatusDate)],
          ['Identity analysis', info.identityAnalysisResult],
          ['Fraud analysis', info.fraudAnalysisResult],
          [
            'Recommendation',
            info.recommendation
              ? `${info.recommendation.value}${info.recommendation.reason ? `: ${info.recommendation.reason}` : ''}`
              : '—',
          ],
          ['Report available until', wireText(info.verificationReportExpiryDate)],
          ...(claim ? ([['Held by you until', <When at={claim.expiresAt} />]] as [string, ComponentChildren][]) : []),
        ]}
      />
      {awaiting ? (
        <p>
          <a href="#decision">Go to the decision</a> · <a href={`/console/review${filterQuery(filter)}`}>Back to the queue</a>
        </p>
      ) : (
        <p class="notice">
          This report is not awaiting review:{' '}
          {info.reviewDecision
            ? `it was ${info.reviewDecision === 'Approved' ? 'approved' : info.reviewDecision.toLowerCase()}`
            : `its request is ${request.status}`}
          {info.reviewDecisionReason ? ` (${info.reviewDecisionReason})` : ''}. <a href="/console/review">Back to the queue</a>
        </p>
      )}
      {awaiting && <Shortcuts reasons="text" />}
      <div class="split">
        <div>
          <section class="card" aria-labelledby="client-h">
            <h2 id="client-h">The client</h2>
            <ReportClient client={client} />
            <h3>As entered</h3>
            <Facts rows={Object.entries(info.enteredInformation).map(([k, v]) => [words(k), valueText(v)])} />
            <h3>Document</h3>
            <Facts
              rows={[
                ['Type', valueText(info.document.type)],
                ['Number', valueText(info.document.number)],
                ['Issuing country', valueText(info.document.issuingCountry)],
                ['Expiry date', valueText(info.document.expiryDate)],
                ['Machine-readable zone', info.document.machineReadableZone ? valueText(info.document.machineReadableZone) : 'Not read'],
              ]}
            />
          </section>
          <section class="card" aria-labelledby="checks-h">
            <h2 id="checks-h">Checks</h2>
            <ReportChecks checks={info.checks} />
          </section>
          <section class="card" aria-labelledby="earlier-h">
            <h2 id="earlier-h">Earlier requests for this client</h2>
            {subject.earlier.length === 0 ? (
              <p class="muted">None in this file.</p>
            ) : (
              <ul>
                {subject.earlier.map((e) => (
                  <li key={e.requestId}>
                    <span class="mono">{e.requestId}</span>, <When at={e.created} />: {e.status}
                    {e.decision ? `, report ${e.decision.toLowerCase()}` : ''}
                    {e.reason ? ` (${e.reason})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <section aria-labelledby="photos-h">
          <h2 id="photos-h">Photos</h2>
          {subject.photos.length === 0 && <p class="muted">The photos are no longer held.</p>}
          {subject.photos.map((p, i) => (
            <DocumentViewer
              noun="Photo"
              key={p.kind}
              id={p.kind}
              position={i + 1}
              of={subject.photos.length}
              name={PHOTO_NAMES[p.kind] ?? p.kind}
              mimeType={p.mimeType}
              size={p.fileSize}
              src={`/console/documents/client-request/${request.id}/${p.kind}`}
            />
          ))}
        </section>
      </div>
      {awaiting && (
        <form class="card" id="decision" method="post" action={`/console/review/id-report/${request.id}/decision`}>
          <h2>Decision</h2>
          <CsrfField csrf={csrf} />
          <FilterFields filter={filter} />
          <label for="reason">Reason (required to reject; the organization sees it with the decision)</label>
          <textarea id="reason" name="reason" rows={3} maxLength={1000} data-shortcut="reject" />
          <div class="actions">
            <button type="submit" name="decision" value="REJECT" class="danger">
              Reject
            </button>
            <button type="submit" name="decision" value="APPROVE" data-shortcut="approve">
              Approve
            </button>
          </div>
        </form>
      )}
      {awaiting && (
        <form method="post" action={`/console/review/id-report/${request.id}/release`} class="actions">
          <CsrfField csrf={csrf} />
          <button type="submit" class="secondary">
            Let someone else review it
          </button>
        </form>
      )}
    </>
  );
}
