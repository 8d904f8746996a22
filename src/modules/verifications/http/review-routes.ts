import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCEPTED_MIME_TYPES } from '../../documents/index.ts';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { Principal } from '../../../shared/principal.ts';
import { decideReview } from '../app/decide-review.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { reviewQueue } from '../app/review-queue.ts';
import { DecisionBody } from './bodies.ts';
import { pathParam } from './params.ts';
import { ReviewQueue, VerificationResponse } from './responses.ts';

export interface DocumentReader {
  read(
    principal: Principal,
    verificationId: string,
    documentId: string,
    ip: string | null,
  ): Promise<{ bytes: Buffer; mimeType: string; fileName: string; flags: string[] }>;
}

const tags = ['review'];
const security = [{ bearer: [] }];
const QUEUE_LIMIT = "Query parameter 'limit' must be a whole number from 1 to 200";
/** The bytes of a document, served as an attachment of its own type. */
const DocumentBytes = {
  description: 'The bytes of the document, as an attachment; its content flags in the `Document-Flags` header',
  content: Object.fromEntries(
    ACCEPTED_MIME_TYPES.map((t) => [t, { schema: z.custom<Buffer>().meta({ type: 'string', format: 'binary' }) }]),
  ),
};

/** Human review of documents (REVIEWER role). */
export function registerReviewRoutes(root: FastifyInstance, deps: VerificationsDeps, documents: DocumentReader) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/rest/v2/review/queue',
    {
      schema: {
        tags,
        summary: 'Verifications awaiting review, oldest first',
        security,
        querystring: z.object({
          limit: z.coerce.number({ error: QUEUE_LIMIT }).int(QUEUE_LIMIT).min(1, QUEUE_LIMIT).max(200, QUEUE_LIMIT).default(50),
        }),
        response: { 200: ReviewQueue, ...eligibilityErrorResponses },
      },
      config: rails({ access: ['REVIEWER'], limit: 'none', audit: audited('review.read-queue') }),
    },
    async (req) => reviewQueue(deps, callerOf(req).accountId, req.query.limit),
  );

  app.get(
    '/rest/v2/review/:verificationId/document/:documentId',
    {
      schema: {
        tags,
        summary: 'The bytes of a document (recorded), with its content flags in `Document-Flags`',
        security,
        params: z.object({ verificationId: pathParam('verificationId'), documentId: pathParam('documentId') }),
        response: { 200: DocumentBytes, ...eligibilityErrorResponses },
      },
      config: rails({ access: ['REVIEWER'], limit: 'none', audit: audited('document.read', 'document', 'params.documentId') }),
    },
    async (req, reply) => {
      const principal = callerOf(req);
      const doc = await documents.read(principal, req.params.verificationId, req.params.documentId, req.ip ?? null);
      const safeName = doc.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
      // The content flags travel with the bytes too, for a reviewer who downloads without reading the queue.
      if (doc.flags.length > 0) reply.header('document-flags', doc.flags.join(', '));
      return reply
        .header('content-type', doc.mimeType)
        .header('content-disposition', `attachment; filename="${safeName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(doc.bytes);
    },
  );

  app.post(
    '/rest/v2/review/:verificationId/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject the documents',
        security,
        params: z.object({ verificationId: pathParam('verificationId') }),
        body: DecisionBody,
        response: { 200: VerificationResponse, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['REVIEWER'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('review.decide', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => {
      const principal = callerOf(req);
      return decideReview(deps, {
        accountId: principal.accountId,
        verificationId: req.params.verificationId,
        decision: req.body,
        decidedBy: principal.tokenId,
      });
    },
  );
}
