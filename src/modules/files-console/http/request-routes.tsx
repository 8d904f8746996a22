import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { callerOf } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { hasRole } from '../../../shared/principal.ts';
import { sendDocument } from '../../review-desk/index.ts';
import type { FilesConsoleDeps, RequestDetails } from '../app/deps.ts';
import { type ClientValues, clientValues, contactBody, type Problems, problemsOf } from '../domain/client-form.ts';
import { FilesConsoleErrors } from '../error-codes.ts';
import { NoReportPage, ReportPage } from './report-page.tsx';
import { IssuedLinkPage, RequestPage } from './request-page.tsx';
import { attempt, change, doneOf, errorsOf, HIDDEN, idOf, personalRead, review, text, withSecret } from './rails.ts';

const PHOTOS = ['front', 'back', 'selfie'];
const NO_PROBLEMS: Problems = { list: [], byField: {} };

const REQUEST_DONE: Record<string, string> = {
  reinitiated: 'A new request was sent: its link is on its way to the client by mail. The earlier request and its link were cancelled.',
  cancelled: 'Request cancelled: its link no longer works.',
  updated: 'Contact details saved.',
  resent: 'Contact details saved, and a new request was sent to the client at these details. The earlier one was cancelled.',
  sample: 'Sample report made: the request now has a report to review.',
};
const REPORT_DONE: Record<string, string> = {
  approved: 'Report approved.',
  rejected: 'Report rejected.',
};

type Shown = { notice?: string | null; error?: string | null; contact?: ClientValues; problems?: Problems };

const contactOf = (d: RequestDetails): ClientValues => ({
  firstName: d.profile.firstName,
  middleName: d.profile.middleName ?? '',
  lastName: d.profile.lastName,
  email: d.profile.email,
  phoneNumber: d.profile.phoneNumber,
  dateOfBirth: d.profile.dateOfBirth ?? '',
  language: d.profile.language ?? '',
  requesterClientRequestId: d.requesterClientRequestId ?? '',
});

/** A client's request, its actions, its report (PDF, checks, photos) and the review: through the API's use cases. */
export function registerRequestRoutes(app: FastifyInstance, deps: FilesConsoleDeps) {
  const requestPage = async (req: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const p = callerOf(req);
    const details = await deps.requests.details(p.accountId, idOf(req));
    const [file, links, activity, testMode] = await Promise.all([
      deps.files.details(p.accountId, details.fileReferenceId),
      deps.queries.links(p.accountId, [details.clientRequestId]),
      deps.queries.activity(p.accountId, [details.clientRequestId]),
      deps.testMode(p.accountId),
    ]);
    return sendConsolePage(req, reply, {
      title: `${details.profile.firstName} ${details.profile.lastName}`,
      current: 'files',
      body: ({ csrf }) => (
        <RequestPage
          csrf={csrf}
          details={details}
          file={file}
          entry={file.requests.find((r) => r.clientRequestId === details.clientRequestId)}
          links={links}
          activity={activity.get(details.clientRequestId) ?? null}
          now={deps.clock.now()}
          canChange={hasRole(p, 'VERIFIER')}
          testMode={testMode}
          contact={shown.contact ?? contactOf(details)}
          problems={shown.problems ?? NO_PROBLEMS}
          notice={shown.notice ?? null}
          error={shown.error ?? null}
        />
      ),
    });
  };
  const base = (id: string) => `/console/files/requests/${id}`;

  app.get(
    '/console/files/requests/:id',
    { schema: HIDDEN, config: personalRead('console.request-viewed', 'client-request', 'params.id') },
    (req, reply) => requestPage(req, reply, { notice: REQUEST_DONE[doneOf(req)] ?? null }),
  );

  // POST /api/client/re-initiate-verification-request: the new request's page follows.
  app.post(
    '/console/files/requests/:id/reinitiate',
    { schema: HIDDEN, config: change('console.request-reinitiated', 'client-request', 'params.id') },
    async (req, reply) =>
      attempt(
        reply,
        async () => {
          const file = await deps.requests.reinitiate(callerOf(req).accountId, idOf(req));
          return reply.redirect(`${base(file.requests[0].clientRequestId)}?done=reinitiated`, 303);
        },
        (e) => requestPage(req, reply, { error: e.message }),
      ),
  );

  // POST /api/client/cancel-verification.
  app.post(
    '/console/files/requests/:id/cancel',
    { schema: HIDDEN, config: change('console.request-cancelled', 'client-request', 'params.id') },
    async (req, reply) =>
      attempt(
        reply,
        async () => {
          await deps.requests.cancel(callerOf(req).accountId, idOf(req));
          return reply.redirect(`${base(idOf(req))}?done=cancelled`, 303);
        },
        (e) => requestPage(req, reply, { error: e.message }),
      ),
  );

  // POST /api/client/get-link-info: a link to deliver oneself, shown once.
  app.post(
    '/console/files/requests/:id/link',
    { schema: HIDDEN, config: withSecret('console.link-issued', 'client-request', 'params.id') },
    async (req, reply) =>
      attempt(
        reply,
        async () => {
          const accountId = callerOf(req).accountId;
          const link = await deps.requests.link(accountId, idOf(req));
          const d = await deps.requests.details(accountId, idOf(req));
          const name = `${d.profile.firstName} ${d.profile.lastName}`;
          return sendConsolePage(req, reply, {
            title: `A link for ${name}`,
            current: 'files',
            body: () => (
              <IssuedLinkPage
                requestId={d.clientRequestId}
                name={name}
                link={link.link ?? ''}
                endDate={link.endDate}
                replaced={link.replacedLinkId}
              />
            ),
          });
        },
        (e) => requestPage(req, reply, { error: e.message }),
      ),
  );

  // POST /api/client/update-verification-request with the request's id: the client's details changed.
  app.post(
    '/console/files/requests/:id/contact',
    { schema: HIDDEN, config: change('console.client-updated', 'client-request', 'params.id') },
    async (req, reply) => {
      const accountId = callerOf(req).accountId;
      const d = await deps.requests.details(accountId, idOf(req));
      const contact = clientValues(req.body, '');
      return attempt(
        reply,
        async () => {
          const file = await deps.files.update(accountId, contactBody(d.fileReferenceId, d.clientRequestId, contact));
          const now = file.requests[0]?.clientRequestId ?? d.clientRequestId;
          return reply.redirect(`${base(now)}?done=${now === d.clientRequestId ? 'updated' : 'resent'}`, 303);
        },
        (e) => requestPage(req, reply, { contact, problems: problemsOf(errorsOf(e), [0], '') }),
      );
    },
  );

  // POST /api/client/generate-sample-report (test-mode accounts).
  app.post(
    '/console/files/requests/:id/sample',
    { schema: HIDDEN, config: change('console.sample-report-generated', 'client-request', 'params.id') },
    async (req, reply) => {
      const reason = text(req.body, 'recommendationReason');
      const body = {
        clientRequestId: idOf(req),
        criteria: { recommendationValue: text(req.body, 'recommendationValue'), ...(reason ? { recommendationReason: reason } : {}) },
      };
      return attempt(
        reply,
        async () => {
          await deps.requests.sample(callerOf(req).accountId, body);
          return reply.redirect(`${base(idOf(req))}?done=sample`, 303);
        },
        (e) => requestPage(req, reply, { error: errorsOf(e).map(sampleSentence).join(' ') }),
      );
    },
  );

  const reportPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    shown: { notice?: string | null; error?: string | null; reason?: string },
  ) => {
    const p = callerOf(req);
    const id = idOf(req);
    const d = await deps.requests.details(p.accountId, id);
    try {
      const subject = await deps.reports.subject(p.accountId, id);
      return await sendConsolePage(req, reply, {
        title: `Report ${subject.info.reportNumber}`,
        current: 'files',
        body: ({ csrf }) => (
          <ReportPage
            csrf={csrf}
            subject={subject}
            fileId={d.fileReferenceId}
            canReview={hasRole(p, 'REVIEWER')}
            reason={shown.reason ?? ''}
            notice={shown.notice ?? null}
            error={shown.error ?? null}
          />
        ),
      });
    } catch (e) {
      // No report yet (400) or past its expiry (410): said on a page of its own, with its status.
      if (!isAppError(e) || (e.status !== 400 && e.status !== 410)) throw e;
      return sendConsolePage(req, reply.status(e.status === 400 ? 404 : 410), {
        title: 'No report',
        current: 'files',
        body: () => <NoReportPage requestId={d.clientRequestId} message={e.message} />,
      });
    }
  };

  app.get(
    '/console/files/requests/:id/report',
    { schema: HIDDEN, config: personalRead('console.report-viewed', 'client-request', 'params.id') },
    (req, reply) => reportPage(req, reply, { notice: REPORT_DONE[doneOf(req)] ?? null }),
  );

  // The PDF of POST /api/client/verification-report, in the page's frame or as a download.
  app.get(
    '/console/files/requests/:id/report.pdf',
    { schema: HIDDEN, config: personalRead('console.report-pdf-read', 'client-request', 'params.id') },
    async (req, reply) => {
      const pdf = await deps.reports.pdf(callerOf(req).accountId, idOf(req));
      return sendDocument(reply, pdf, (req.query as Record<string, unknown>).download === '1');
    },
  );

  // A photo of the client's capture while it is held (the review desk's is for reviewers only).
  app.get(
    '/console/files/requests/:id/photos/:kind',
    { schema: HIDDEN, config: personalRead('console.report-photo-read', 'client-request', 'params.id') },
    async (req, reply) => {
      const kind = idOf(req, 'kind');
      if (!PHOTOS.includes(kind)) throw FilesConsoleErrors.unknownPhoto(kind);
      const photo = await deps.reports.photo(callerOf(req).accountId, idOf(req), kind);
      return sendDocument(reply, photo, (req.query as Record<string, unknown>).download === '1');
    },
  );

  // POST /api/client/review-report (REVIEWER).
  app.post(
    '/console/files/requests/:id/review',
    { schema: HIDDEN, config: review('console.report-reviewed', 'client-request', 'params.id') },
    async (req, reply) => {
      const decision = text(req.body, 'decision');
      const reason = text(req.body, 'reason');
      return attempt(
        reply,
        async () => {
          await deps.reports.review(callerOf(req).accountId, { clientRequestId: idOf(req), decision, reason: reason.trim() || null });
          return reply.redirect(`${base(idOf(req))}/report?done=${decision === 'APPROVE' ? 'approved' : 'rejected'}`, 303);
        },
        (e) => reportPage(req, reply, { error: errorsOf(e).map(reviewSentence).join(' '), reason }),
      );
    },
  );
}

/** The API's sentences about a review body, as the form's words. */
const reviewSentence = (s: string) =>
  s
    .replace(/^reason is required to reject a report$/, 'Write the reason to reject the report.')
    .replace(/^decision must be 'APPROVE' or 'REJECT'$/, 'Choose Approve or Reject.')
    .replace(/^reason must be a string of at most 1000 characters$/, 'The reason must be at most 1000 characters.');

const sampleSentence = (s: string) =>
  s.startsWith('criteria.recommendationReason must be one of') ? 'Choose the reason a rejected sample gives.' : s;
