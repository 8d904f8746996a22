import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import {
  createPartnerWebhooks,
  deletePartnerWebhook,
  getPartnerWebhook,
  listPartnerWebhooks,
  updatePartnerWebhook,
} from '../../webhooks/index.ts';
import type { PartnerApiContext } from '../app/deps.ts';
import { CreatedWebhook, CreateWebhooksBody, PartnerWebhook, ProgramParams, UpdateWebhookBody, WebhookParams } from './schemas.ts';

const tags = ['eligibility'];
const security = [{ bearer: [] }];
const errors = eligibilityErrorResponses;

/**
 * A program's partner webhooks (`/rest/oem/program/{id}/webhooks`): the webhooks module's, with its
 * SSRF guard, outbox and retries. Another account's program is noProgram; a webhook of another program
 * or account is notFound.
 */
export function registerPartnerWebhookRoutes(root: FastifyInstance, deps: PartnerApiContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const hooks = deps.webhooks;

  app.get(
    '/rest/oem/program/:programId/webhooks',
    {
      schema: {
        tags,
        summary: "A program's webhooks",
        security,
        params: ProgramParams,
        response: { 200: z.array(PartnerWebhook), ...errors },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => listPartnerWebhooks(hooks, callerOf(req).accountId, req.params.programId),
  );

  app.post(
    '/rest/oem/program/:programId/webhooks',
    {
      schema: {
        tags,
        summary: 'Register webhooks of a program (each new one’s signing secret is shown once)',
        security,
        params: ProgramParams,
        body: CreateWebhooksBody,
        response: { 200: z.array(CreatedWebhook), ...errors },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'secret',
        audit: audited('partner.webhook.create', 'program', 'params.programId'),
      }),
    },
    async (req) => createPartnerWebhooks(hooks, callerOf(req).accountId, req.params.programId, req.body),
  );

  app.get(
    '/rest/oem/program/:programId/webhooks/:webhookId',
    {
      schema: { tags, summary: 'One webhook of a program', security, params: WebhookParams, response: { 200: PartnerWebhook, ...errors } },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => getPartnerWebhook(hooks, callerOf(req).accountId, req.params.programId, req.params.webhookId),
  );

  app.post(
    '/rest/oem/program/:programId/webhooks/:webhookId',
    {
      schema: {
        tags,
        summary: "Change a webhook's callback, type or status",
        security,
        params: WebhookParams,
        body: UpdateWebhookBody,
        response: { 200: PartnerWebhook, ...errors },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('partner.webhook.update', 'webhook', 'params.webhookId'),
      }),
    },
    async (req) => updatePartnerWebhook(hooks, callerOf(req).accountId, req.params.programId, req.params.webhookId, req.body),
  );

  app.delete(
    '/rest/oem/program/:programId/webhooks/:webhookId',
    {
      schema: {
        tags,
        summary: 'Delete a webhook of a program',
        security,
        params: WebhookParams,
        response: { 200: PartnerWebhook, ...errors },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('partner.webhook.delete', 'webhook', 'params.webhookId') }),
    },
    async (req) => deletePartnerWebhook(hooks, callerOf(req).accountId, req.params.programId, req.params.webhookId),
  );
}
