import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { Principal } from '../../../shared/principal.ts';
import { decideReview, parseDecision } from '../app/decide-review.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { reviewQueue } from '../app/review-queue.ts';

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
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
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
        params: z.object({ verificationId: z.string().max(100), documentId: z.string().max(100) }),
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
      schema: { tags, summary: 'Approve or reject the documents', security, params: z.object({ verificationId: z.string().max(100) }) },
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
        decision: parseDecision(req.body),
        decidedBy: principal.tokenId,
      });
    },
  );
}
