import type { ComponentChildren } from 'preact';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { clientAddress } from '../../../platform/http/client-address.ts';
import { audited, callerOf, OPEN_READ, rails, type Rails } from '../../../platform/http/rails.ts';
import { decideDocumentReview, decideReportReview, type AfterDecision } from '../app/decide-item.ts';
import type { ReviewDeskDeps } from '../app/deps.ts';
import { documentBytes, reportPhotoBytes } from '../app/item-bytes.ts';
import { type Opened, openDocumentReview, openReportReview, personOf, releaseItem } from '../app/open-item.ts';
import { reviewQueue } from '../app/review-queue.ts';
import type { ItemKind } from '../domain/queue.ts';
import { ReviewDeskErrors } from '../error-codes.ts';
import { DocumentPage } from './document-page.tsx';
import { sendDocument } from './document-headers.ts';
import { itemId, PHOTO_KINDS, queueCursor, queueFilter } from './params.ts';
import { QueuePage } from './queue-page.tsx';
import { ReportPage } from './report-page.tsx';
import { filterQuery, When } from './views.tsx';

const HIDDEN = { hide: true } as const;
const SCRIPT = '/console/assets/review.js';
/** Pages of the desk: reviewers only. The queue shows no personal data (ids, programs, times, reviewers). */
const QUEUE: Rails = { access: ['REVIEWER'], limit: 'none', audit: 'none' };
/** An item's page shows the person: each view is recorded, as a document read is. */
const opened = (subjectType: string): Rails => ({
  access: ['REVIEWER'],
  limit: 'none',
  audit: audited('console.review-opened', subjectType, 'params.id'),
});
/** A decision: the same audit action as the API route that decides through the same use case. */
const deciding = (action: string, subjectType: string): Rails => ({
  access: ['REVIEWER'],
  limit: 'none',
  idempotency: 'change',
  audit: audited(action, subjectType, 'params.id'),
});

/** The page that says who holds an item and until when: never the decision form. */
function heldPage(req: FastifyRequest, reply: FastifyReply, held: { holder: string; until: Date }) {
  return sendConsolePage(req, reply, {
    title: 'Someone is reviewing this',
    current: 'review',
    status: 409,
    body: () => (
      <>
        <h1>Someone is reviewing this</h1>
        <p>
          {held.holder} opened this item and holds it until <When at={held.until} />. It comes back to the queue if they let it go or do not
          decide by then.
        </p>
        <p>
          <a href="/console/review">Back to the queue</a>
        </p>
      </>
    ),
  });
}

/** After a decision: the next item no one holds, or the queue (both keeping its filter). */
function onward(reply: FastifyReply, after: AfterDecision, filter: { programId?: string; kind?: string }) {
  const q = filterQuery(filter);
  const to = after.next ? `/console/review/${after.next.kind}/${after.next.id}${q}` : `/console/review${q}`;
  return reply.header('cache-control', 'no-store').redirect(to, 303);
}

/** The review desk's pages, its script, and the console's document route (bytes shown inline, sandboxed). */
export function registerReviewDeskRoutes(app: FastifyInstance, deps: ReviewDeskDeps, script: string) {
  app.get(SCRIPT, { schema: HIDDEN, config: rails(OPEN_READ) }, async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(script),
  );

  app.get('/console/review', { schema: HIDDEN, config: rails(QUEUE) }, async (req, reply) => {
    const principal = callerOf(req);
    const userId = personOf(principal);
    const filter = queueFilter(req.query);
    const cursor = queueCursor(req.query);
    const q = await reviewQueue(deps, principal.accountId, { ...filter, cursor });
    return sendConsolePage(req, reply, {
      title: 'Review',
      current: 'review',
      body: () => <QueuePage q={q} filter={filter} userId={userId} first={cursor === null} />,
    });
  });

  const itemPage = async <S,>(
    req: FastifyRequest,
    reply: FastifyReply,
    result: Opened<S>,
    render: (r: Exclude<Opened<S>, { state: 'held' }>, csrf: string) => ComponentChildren,
    title: string,
  ) => {
    if (result.state === 'held') return heldPage(req, reply, result);
    return sendConsolePage(req, reply, {
      title,
      current: 'review',
      scripts: result.state === 'open' ? [SCRIPT] : [],
      body: (ctx) => render(result, ctx.csrf),
    });
  };

  app.get('/console/review/document/:id', { schema: HIDDEN, config: rails(opened('verification')) }, async (req, reply) => {
    const principal = callerOf(req);
    const filter = queueFilter(req.query);
    const result = await openDocumentReview(deps, principal, itemId(req.params));
    const program =
      result.state === 'held'
        ? undefined
        : (await deps.programs(principal.accountId)).find((p) => p.id === result.subject.verification.programId);
    return itemPage(
      req,
      reply,
      result,
      (r, csrf) => (
        <DocumentPage
          subject={r.subject}
          program={program}
          claim={r.state === 'open' ? r.claim : null}
          notes={r.notes}
          filter={filter}
          csrf={csrf}
        />
      ),
      'Document review',
    );
  });

  app.get('/console/review/id-report/:id', { schema: HIDDEN, config: rails(opened('client-request')) }, async (req, reply) => {
    const filter = queueFilter(req.query);
    const result = await openReportReview(deps, callerOf(req), itemId(req.params));
    return itemPage(
      req,
      reply,
      result,
      (r, csrf) => <ReportPage subject={r.subject} claim={r.state === 'open' ? r.claim : null} filter={filter} csrf={csrf} />,
      'Client ID report',
    );
  });

  app.post(
    '/console/review/document/:id/decision',
    { schema: HIDDEN, config: rails(deciding('review.decide', 'verification')) },
    async (req, reply) => {
      const filter = queueFilter(req.body);
      const after = await decideDocumentReview(
        deps,
        callerOf(req),
        itemId(req.params),
        (req.body ?? {}) as Record<string, unknown>,
        filter,
      );
      return onward(reply, after, filter);
    },
  );

  app.post(
    '/console/review/id-report/:id/decision',
    { schema: HIDDEN, config: rails(deciding('report.review', 'client-request')) },
    async (req, reply) => {
      const filter = queueFilter(req.body);
      const after = await decideReportReview(deps, callerOf(req), itemId(req.params), (req.body ?? {}) as Record<string, unknown>, filter);
      return onward(reply, after, filter);
    },
  );

  for (const [kind, subjectType] of [
    ['document', 'verification'],
    ['id-report', 'client-request'],
  ] as [ItemKind, string][]) {
    app.post(
      `/console/review/${kind}/:id/release`,
      { schema: HIDDEN, config: rails(deciding('console.review-released', subjectType)) },
      async (req, reply) => {
        await releaseItem(deps, callerOf(req), kind, itemId(req.params));
        return reply.header('cache-control', 'no-store').redirect('/console/review', 303);
      },
    );
  }

  app.get(
    '/console/documents/verification/:verificationId/:documentId',
    {
      schema: HIDDEN,
      config: rails({ access: ['REVIEWER'], limit: 'none', audit: audited('document.read', 'document', 'params.documentId') }),
    },
    async (req, reply) => {
      const vid = itemId(req.params, 'verificationId');
      const did = itemId(req.params, 'documentId');
      const doc = await documentBytes(deps, callerOf(req), vid, did, clientAddress(req));
      return sendDocument(reply, doc, (req.query as Record<string, unknown>).download === '1');
    },
  );

  app.get(
    '/console/documents/client-request/:id/:kind',
    {
      schema: HIDDEN,
      config: rails({ access: ['REVIEWER'], limit: 'none', audit: audited('report.read-photo', 'client-request', 'params.id') }),
    },
    async (req, reply) => {
      const kind = (req.params as Record<string, string>).kind;
      if (!(PHOTO_KINDS as readonly string[]).includes(kind)) throw ReviewDeskErrors.unknownItem(kind);
      const photo = await reportPhotoBytes(deps, callerOf(req), itemId(req.params), kind);
      return sendDocument(reply, photo, (req.query as Record<string, unknown>).download === '1');
    },
  );
}
