import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../platform/html/console-page.tsx';
import { REJECTION_REASONS } from '../../eligibility-terms/index.ts';
import type { DocumentSubject, ProgramSummary } from '../app/deps.ts';
import type { reviewNotes } from '../app/notes.ts';
import type { Claim } from '../domain/claims.ts';
import { reasonLabel } from '../domain/decision-form.ts';
import { findings } from '../domain/signals.ts';
import { ReadingView } from './reading-view.tsx';
import { DocumentViewer, Shortcuts } from './viewer.tsx';
import { Facts, FilterFields, filterQuery, personRows, When } from './views.tsx';

type Notes = Awaited<ReturnType<typeof reviewNotes>>;

export interface DocumentPageProps {
  subject: DocumentSubject;
  program: ProgramSummary | undefined;
  claim: Claim | null;
  notes: Notes;
  filter: { programId?: string; kind?: string };
  csrf: string;
}

const Reasons = ({ codes }: { codes: string[] }) => (codes.length === 0 ? <span class="muted">—</span> : codes.map(reasonLabel).join('; '));

/** One eligibility document review: the person, the checks, earlier attempts, the documents, the decision. */
export function DocumentPage({ subject, program, claim, notes, filter, csrf }: DocumentPageProps) {
  const v = subject.verification;
  const awaiting = claim !== null;
  return (
    <>
      <h1>Document review</h1>
      <Facts
        rows={[
          [
            'Verification',
            <a class="mono" href={`/console/verifications/${v.id}`}>
              {v.id}
            </a>,
          ],
          ['Program', program ? `${program.name}${v.testMode ? ' (test mode)' : ''}` : v.programId],
          ['Segment', v.subSegment ? `${v.segment}, ${v.subSegment}` : v.segment],
          ['Attempt', program ? `${v.docAttempts} of ${program.maxAttempts}` : String(v.docAttempts)],
          ['Waiting since', <When at={v.pendingSince} />],
          ...(claim ? ([['Held by you until', <When at={claim.expiresAt} />]] as [string, ComponentChildren][]) : []),
        ]}
      />
      {awaiting ? (
        <p>
          <a href="#decision">Go to the decision</a> · <a href={`/console/review${filterQuery(filter)}`}>Back to the queue</a>
        </p>
      ) : (
        <p class="notice">
          This verification is not awaiting review: it is at step <code>{v.currentStep}</code>.{' '}
          <a href="/console/review">Back to the queue</a>
        </p>
      )}
      {awaiting && <Shortcuts reasons="checkboxes" />}
      <div class="split">
        <div>
          <section class="card" aria-labelledby="person-h">
            <h2 id="person-h">The person, as submitted</h2>
            {subject.person ? (
              <Facts
                rows={[
                  ...personRows(subject.person),
                  ...(v.organizationName ? ([['Organization', v.organizationName]] as [string, string][]) : []),
                ].filter((r, i, all) => all.findIndex((x) => x[0] === r[0]) === i)}
              />
            ) : (
              <p class="muted">No personal data is held (erased, or never given).</p>
            )}
          </section>
          <section class="card" aria-labelledby="checks-h">
            <h2 id="checks-h">Checks and fraud signals</h2>
            {subject.documents.length === 0 ? (
              <p class="muted">No documents under review.</p>
            ) : (
              subject.documents.map((d, i) => (
                <div key={d.documentId}>
                  <h3>{`Document ${i + 1}`}</h3>
                  <ReadingView reading={d.reading} />
                  <ul>
                    {findings(d).map((f) => (
                      <li key={f.text} class={f.warning ? 'late' : undefined}>
                        {f.warning ? 'Warning: ' : ''}
                        {f.text}
                        {f.verificationId && (
                          <>
                            {' '}
                            (
                            <a class="mono" href={`/console/verifications/${f.verificationId}`}>
                              {f.verificationId}
                            </a>
                            )
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ))
            )}
          </section>
          <section class="card" aria-labelledby="earlier-h">
            <h2 id="earlier-h">Earlier attempts</h2>
            {subject.earlier.length === 0 ? (
              <p class="muted">This is the first attempt.</p>
            ) : (
              <ul>
                {subject.earlier.map((e) => (
                  <li key={e.attempt}>
                    <strong>{`Attempt ${e.attempt}`}</strong>: {e.decision === 'APPROVE' ? 'approved' : 'rejected'}
                    {e.decidedAt && (
                      <>
                        {' '}
                        on <When at={e.decidedAt} />
                      </>
                    )}
                    . Reasons: <Reasons codes={e.rejectionReasons} />.
                    {e.fileNames.length > 0 && <span class="muted"> Files: {e.fileNames.join(', ')}.</span>}
                  </li>
                ))}
              </ul>
            )}
            {notes.length > 0 && (
              <>
                <h3>Reviewers' notes</h3>
                <ul>
                  {notes.map((n) => (
                    <li key={`${n.attempt}-${n.at.getTime()}`}>
                      {`Attempt ${n.attempt}, ${n.decision === 'APPROVE' ? 'approved' : 'rejected'} by ${n.by}: `}
                      {n.note}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
        <section aria-labelledby="documents-h">
          <h2 id="documents-h">Documents</h2>
          {subject.documents.map((d, i) => (
            <DocumentViewer
              key={d.documentId}
              id={d.documentId}
              position={i + 1}
              of={subject.documents.length}
              name={d.fileName}
              mimeType={d.mimeType}
              size={d.fileSize}
              uploaded={d.uploaded}
              src={`/console/documents/verification/${v.id}/${d.documentId}`}
            />
          ))}
        </section>
      </div>
      {awaiting && (
        <form class="card" id="decision" method="post" action={`/console/review/document/${v.id}/decision`}>
          <h2>Decision</h2>
          <CsrfField csrf={csrf} />
          <input type="hidden" name="attempt" value={String(v.docAttempts)} />
          <FilterFields filter={filter} />
          <fieldset data-reasons>
            <legend>Rejection reasons: check at least one to reject; the person is told each one</legend>
            <div class="cards">
              {REJECTION_REASONS.map((code, i) => (
                <label key={code} class="check">
                  <input type="checkbox" name={`reason.${code}`} value="on" data-shortcut={i === 0 ? 'reject' : undefined} />
                  {reasonLabel(code)}
                </label>
              ))}
            </div>
          </fieldset>
          <label for="note">Note for the record (optional; never shown to the person)</label>
          <textarea id="note" name="note" rows={3} maxLength={2000} />
          <div class="actions">
            <button type="submit" name="decision" value="REJECT" class="danger" data-submit="reject">
              Reject with the reasons checked
            </button>
            <button type="submit" name="decision" value="APPROVE" data-shortcut="approve">
              Approve
            </button>
          </div>
        </form>
      )}
      {awaiting && (
        <form method="post" action={`/console/review/document/${v.id}/release`} class="actions">
          <CsrfField csrf={csrf} />
          <button type="submit" class="secondary">
            Let someone else review it
          </button>
        </form>
      )}
    </>
  );
}
