import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { WebhooksDeps } from '../app/deps.ts';
import { createProgramWebhook, deleteProgramWebhook } from '../app/program-webhooks.ts';
import { ProgramParams, ProgramWebhookBody, ProgramWebhookCreated, ProgramWebhookDeleted } from './program-webhook-schemas.ts';

const security = [{ bearer: [] }];
const tags = ['eligibility'];

/**
 * SheerID's program webhook, `POST` and `DELETE /rest/v2/program/{programId}/webhook` (role ADMIN, as
 * every webhook setting). Errors in the eligibility dialect; another account's program is `noProgram`.
 */
export function registerProgramWebhookRoutes(root: FastifyInstance, deps: WebhooksDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/program/:programId/webhook',
    {
      schema: {
        tags,
        summary: "Register the program's webhook (one per program; its signing secret is shown once)",
        params: ProgramParams,
        body: ProgramWebhookBody,
        security,
        response: { 200: ProgramWebhookCreated, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'secret',
        audit: audited('program-webhook.create', 'program', 'params.programId'),
      }),
    },
    async (req) => createProgramWebhook(deps, callerOf(req).accountId, req.params.programId, req.body),
  );

  app.delete(
    '/rest/v2/program/:programId/webhook',
    {
      schema: {
        tags,
        summary: "Delete the program's webhook (a body, as SheerID's tutorial sends, is ignored)",
        params: ProgramParams,
        security,
        response: { 200: ProgramWebhookDeleted, ...eligibilityErrorResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('program-webhook.delete', 'program', 'params.programId') }),
    },
    async (req) => deleteProgramWebhook(deps, callerOf(req).accountId, req.params.programId),
  );
}
