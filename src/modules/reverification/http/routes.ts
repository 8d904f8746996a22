import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { batchStatus, createBatch } from '../app/create-batch.ts';
import type { ReverifyDeps } from '../app/deps.ts';
import { BatchBody, BatchStatus, CreatedBatch } from './schemas.ts';

const security = [{ bearer: [] }];
const tags = ['reverification'];

/** Bulk re-verification (BULK_VERIFIER role). */
export function registerReverifyRoutes(root: FastifyInstance, deps: ReverifyDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // 100,000 ids of 24 characters need about 2.7 MB of JSON; allow some whitespace on top.
  app.post(
    '/rest/v2/verification/reverify',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Re-verify earlier verifications of a program',
        security,
        body: BatchBody,
        response: { 200: CreatedBatch, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['BULK_VERIFIER'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('reverify.create', 'reverify-batch', 'response.batchId'),
      }),
    },
    async (req) => {
      return createBatch(deps, callerOf(req), req.body);
    },
  );
  app.get(
    '/rest/v2/verification/reverify/:batchId',
    {
      schema: {
        tags,
        summary: 'Progress of a re-verification batch',
        security,
        params: z.object({ batchId: z.string().max(100, { error: "Path parameter 'batchId' must be at most 100 characters" }) }),
        response: { 200: BatchStatus, ...eligibilityErrorResponses },
      },
      config: rails({ access: ['BULK_VERIFIER'], limit: 'none', audit: 'none' }),
    },
    async (req) => batchStatus(deps, callerOf(req), req.params.batchId),
  );
}
