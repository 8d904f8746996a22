import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { instant } from '../../../shared/dates.ts';
import type { AuditDeps } from '../app/deps.ts';
import { listEntries } from '../app/list-entries.ts';
import { AuditPage } from './schemas.ts';

const Query = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    action: z.string().min(1).max(200).optional(),
    subjectId: z.string().min(1).max(200).optional(),
    actorId: z.string().min(1).max(200).optional(),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'cursor must be the nextCursor of a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** `GET /manage/v1/audit`: the account's audit log, for its ADMIN tokens only. */
export function registerAuditRoutes(root: FastifyInstance, deps: AuditDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/manage/v1/audit',
    {
      schema: {
        tags: ['management'],
        summary: 'Audit log of the account, newest first (paged)',
        querystring: Query,
        security: [{ bearer: [] }],
        response: { 200: AuditPage, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('audit.read') }),
    },
    async (req) => listEntries(deps, callerOf(req).accountId, req.query),
  );
}
