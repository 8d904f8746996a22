import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { Facts, PHOTO_NAMES, ReportChecks, ReportClient, wireText } from '../../review-desk/index.ts';
import type { ReportSubject } from '../app/deps.ts';
import { requestStatusText } from './views.tsx';

export interface ReportPageProps {
  csrf: string;
  subject: ReportSubject;
  fileId: string;
  canReview: boolean;
  reason: string;
  notice: string | null;
  error: string | null;
}

/** A client's report: the PDF as the API gives it, the checks, the photos while they are held, and the review. */
export function ReportPage(p: ReportPageProps) {
  const { info, request, file } = p.subject;
  const base = `/console/files/requests/${request.id}`;
  const inReview = request.status === 'Review Report';
  return (
    <>
      <p>
        <a href={`/console/files/${p.fileId}`}>{file ? `File ${file.fileNumber}: ${file.fileName}` : 'The file'}</a> ·{' '}
        <a href={base}>The request</a>
      </p>
      <h1>Report {info.reportNumber}</h1>
      <Notices notice={p.notice} error={p.error} />
      {info.sampleReport && <p class="notice">A sample report (test account): approving it verifies no one.</p>}
      <section class="card" aria-labelledby="summary-h">
        <h2 id="summary-h">Summary</h2>
        <Facts
          rows={[
            ['Request', requestStatusText(request.status)],
            ['Identity analysis', info.identityAnalysisResult],
            ['Fraud analysis', info.fraudAnalysisResult],
            [
              'Recommendation',
              info.recommendation
                ? `${info.recommendation.value}${info.recommendation.reason ? `: ${info.recommendation.reason}` : ''}`
                : '—',
            ],
            ['In review since', wireText(info.reviewStatusDate)],
            ['Decision', info.reviewDecision ? `${info.reviewDecision} on ${wireText(info.reviewDecisionDate)}` : '—'],
            ...(info.reviewDecisionReason ? ([['Reason given', info.reviewDecisionReason]] as [string, string][]) : []),
            ['Client verified until', wireText(info.clientVerifiedUntil)],
            ['Available until', wireText(info.verificationReportExpiryDate)],
          ]}
        />
      </section>
      {inReview && p.canReview && (
        <p>
          <a href="#decision">Go to the decision</a>
        </p>
      )}
      {inReview && !p.canReview && <p class="muted">A reviewer approves or rejects this report.</p>}
      <section class="card" aria-labelledby="checks-h">
        <h2 id="checks-h">Checks</h2>
        <ReportChecks checks={info.checks} />
        <h3>The client</h3>
        <ReportClient client={info.clientInformation} />
      </section>
      <section class="card" aria-labelledby="pdf-h">
        <h2 id="pdf-h">The report (PDF)</h2>
        <section class="viewer" aria-label="The report, PDF">
          <iframe src={`${base}/report.pdf`} title={`Report ${info.reportNumber} (PDF, all pages)`} width="100%" height="640" />
        </section>
        <p>
          <a href={`${base}/report.pdf?download=1`}>Download the PDF</a>
          <span class="muted"> (for a browser without a PDF viewer)</span>
        </p>
      </section>
      <section aria-labelledby="photos-h">
        <h2 id="photos-h">Photos</h2>
        {p.subject.photos.length === 0 && (
          <p class="muted">No photo is held: a sample report has none, and photos are deleted when the report expires.</p>
        )}
        <div class="cards">
          {p.subject.photos.map((ph) => (
            <figure key={ph.kind} class="card">
              <div class="viewer">
                <img src={`${base}/photos/${ph.kind}`} alt={PHOTO_NAMES[ph.kind] ?? ph.kind} />
              </div>
              <figcaption>
                {PHOTO_NAMES[ph.kind] ?? ph.kind} · <a href={`${base}/photos/${ph.kind}?download=1`}>download</a>
              </figcaption>
            </figure>
          ))}
        </div>
      </section>
      {inReview && p.canReview && (
        <form class="card" id="decision" method="post" action={`${base}/review`} aria-labelledby="decision-h">
          <h2 id="decision-h">Decision</h2>
          <CsrfField csrf={p.csrf} />
          <label for="reason">Reason (required to reject; kept with the decision)</label>
          <textarea id="reason" name="reason" rows={3} maxLength={1000}>
            {p.reason}
          </textarea>
          <div class="actions">
            <button type="submit" name="decision" value="REJECT" class="danger">
              Reject
            </button>
            <button type="submit" name="decision" value="APPROVE">
              Approve
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** A report no longer served (past its expiry), or not there yet. */
export function NoReportPage(props: { requestId: string; message: string }) {
  return (
    <>
      <p>
        <a href={`/console/files/requests/${props.requestId}`}>The request</a>
      </p>
      <h1>The report cannot be shown</h1>
      <p>{props.message}</p>
    </>
  );
}
