import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails, type Rails } from '../../../platform/http/rails.ts';
import type { WebhooksDeps } from '../app/deps.ts';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint } from '../app/endpoints.ts';
import { getEvent, listAttempts, listDeliveries, listEvents, replayEvent } from '../app/events.ts';
import { registerProgramWebhookRoutes } from './program-webhook-routes.ts';
import {
  Attempts,
  CreatedEndpoint,
  Delivery,
  Endpoint,
  EndpointPatch,
  Event,
  Id,
  NewEndpoint,
  NoContent,
  Replayed,
  ReplayBody,
} from './schemas.ts';

const security = [{ bearer: [] }];
const tags = ['webhooks'];
const Limit = z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(200)).optional();

/**
 * `/manage/v1/webhooks`: endpoints, the events sent to them, their deliveries and attempts, and replay
 * (role ADMIN); and SheerID's program webhook under `/rest/v2/program/{programId}/webhook`.
 */
export function registerWebhookRoutes(root: FastifyInstance, deps: WebhooksDeps, wake: () => void) {
  registerProgramWebhookRoutes(root, deps);
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = (req: Parameters<typeof callerOf>[0]) => callerOf(req).accountId;
  // Every route is ADMIN's; reads are not audited (no personal data), changes are.
  const read = rails({ access: ['ADMIN'], limit: 'none', audit: 'none' });
  const change = (r: Pick<Rails, 'limit' | 'idempotency' | 'audit'>) => rails({ access: ['ADMIN'], ...r });

  app.post(
    '/manage/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Register an endpoint (its signing secret is shown once)',
        body: NewEndpoint,
        security,
        response: { 201: CreatedEndpoint, ...problemResponses },
      },
      config: change({ limit: 'create', idempotency: 'secret', audit: audited('webhook.create', 'webhook-endpoint', 'response.id') }),
    },
    async (req, reply) => reply.status(201).send(await createEndpoint(deps, admin(req), req.body)),
  );

  app.get(
    '/manage/v1/webhooks',
    { schema: { tags, summary: 'List endpoints', security, response: { 200: z.array(Endpoint), ...problemResponses } }, config: read },
    async (req) => listEndpoints(deps, admin(req)),
  );

  app.get(
    '/manage/v1/webhooks/events',
    {
      schema: {
        tags,
        summary: 'Events, newest first, with their deliveries',
        security,
        querystring: z.strictObject({
          type: z.string().max(100).optional(),
          subjectId: Id.optional(),
          before: Id.optional(),
          limit: Limit,
        }),
        response: { 200: z.array(Event), ...problemResponses },
      },
      config: read,
    },
    async (req) => listEvents(deps, admin(req), { ...req.query, limit: req.query.limit ?? 50 }),
  );

  app.get(
    '/manage/v1/webhooks/events/:eventId',
    {
      schema: {
        tags,
        summary: 'One event with its deliveries',
        params: z.object({ eventId: Id }),
        security,
        response: { 200: Event, ...problemResponses },
      },
      config: read,
    },
    async (req) => getEvent(deps, admin(req), req.params.eventId),
  );

  app.post(
    '/manage/v1/webhooks/events/:eventId/replay',
    {
      schema: {
        tags,
        summary: 'Send an event again',
        params: z.object({ eventId: Id }),
        body: ReplayBody,
        security,
        response: { 202: Replayed, ...problemResponses },
      },
      config: change({ limit: 'create', idempotency: 'change', audit: audited('webhook.replay-event', 'webhook-event', 'params.eventId') }),
    },
    async (req, reply) => {
      return reply.status(202).send({ deliveries: await replayEvent(deps, admin(req), req.params.eventId, req.body?.endpointId, wake) });
    },
  );

  app.get(
    '/manage/v1/webhooks/deliveries/:deliveryId/attempts',
    {
      schema: {
        tags,
        summary: 'Attempts of a delivery',
        params: z.object({ deliveryId: Id }),
        security,
        response: { 200: Attempts, ...problemResponses },
      },
      config: read,
    },
    async (req) => listAttempts(deps, admin(req), req.params.deliveryId),
  );

  app.get(
    '/manage/v1/webhooks/:endpointId',
    {
      schema: {
        tags,
        summary: 'One endpoint',
        params: z.object({ endpointId: Id }),
        security,
        response: { 200: Endpoint, ...problemResponses },
      },
      config: read,
    },
    async (req) => getEndpoint(deps, admin(req), req.params.endpointId),
  );

  app.patch(
    '/manage/v1/webhooks/:endpointId',
    {
      schema: {
        tags,
        summary: 'Enable, disable or re-subscribe an endpoint',
        params: z.object({ endpointId: Id }),
        body: EndpointPatch,
        security,
        response: { 200: Endpoint, ...problemResponses },
      },
      config: change({ limit: 'none', audit: audited('webhook.update', 'webhook-endpoint', 'params.endpointId') }),
    },
    async (req) => updateEndpoint(deps, admin(req), req.params.endpointId, req.body),
  );

  app.delete(
    '/manage/v1/webhooks/:endpointId',
    {
      schema: {
        tags,
        summary: 'Delete an endpoint',
        params: z.object({ endpointId: Id }),
        security,
        response: { 204: NoContent, ...problemResponses },
      },
      config: change({ limit: 'none', audit: audited('webhook.delete', 'webhook-endpoint', 'params.endpointId') }),
    },
    async (req, reply) => {
      await deleteEndpoint(deps, admin(req), req.params.endpointId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/manage/v1/webhooks/:endpointId/deliveries',
    {
      schema: {
        tags,
        summary: 'Deliveries to an endpoint, newest first',
        params: z.object({ endpointId: Id }),
        security,
        querystring: z.strictObject({ status: z.enum(['pending', 'delivered', 'dead']).optional(), limit: Limit }),
        response: { 200: z.array(Delivery), ...problemResponses },
      },
      config: read,
    },
    async (req) => listDeliveries(deps, admin(req), req.params.endpointId, { status: req.query.status, limit: req.query.limit ?? 50 }),
  );
}
