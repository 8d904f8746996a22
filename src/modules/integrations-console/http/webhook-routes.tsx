import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { createEndpoint, EVENT_TYPES, replayEvent, rotateEndpointSecret, sendTestEvent, updateEndpoint } from '../../webhooks/index.ts';
import type { IntegrationsConsoleDeps } from '../app/deps.ts';
import { endpointList } from '../app/endpoint-list.ts';
import { endpointView } from '../app/endpoint-view.ts';
import { endpointForm } from '../domain/forms.ts';
import { attempt } from './attempt.ts';
import { EndpointPage } from './endpoint-page.tsx';
import { SecretPage } from './secret-page.tsx';
import { WebhooksPage } from './webhooks-page.tsx';

const HIDDEN = { hide: true } as const;
const ADMIN = ['ADMIN'] as const;
const READ = rails({ access: ADMIN, limit: 'none', audit: 'none' });
const ENDPOINT = 'webhook-endpoint';
const change = (action: string, subject = ENDPOINT, from = 'params.endpointId') =>
  rails({ access: ADMIN, limit: 'none', idempotency: 'change', audit: audited(action, subject, from) });
/** What may be ticked: every event (`*`), or some of them. */
const CHOICES = ['*', ...EVENT_TYPES] as const;

type Shown = { notice?: string | null; error?: string | null; form?: Record<string, string>; secret?: string | null };
/** What an action on an endpoint did, said on the page it leads back to. */
const DONE = {
  tested: 'Test event queued: it shows below once sent (reload the page).',
  replayed: 'Event queued to be sent again, as a new delivery: it shows below once sent.',
  enabled: 'Endpoint enabled.',
  disabled: 'Endpoint disabled: nothing is sent to it until it is enabled again.',
} as const;
type Done = keyof typeof DONE;
const doneText = (key: unknown) => (typeof key === 'string' && Object.hasOwn(DONE, key) ? DONE[key as Done] : null);
const endpointOf = (req: FastifyRequest) => (req.params as { endpointId: string }).endpointId;

/** Webhook endpoints through the webhooks module's use cases: list, register, one endpoint's page and its actions. */
export function registerWebhookConsoleRoutes(app: FastifyInstance, deps: IntegrationsConsoleDeps) {
  const listPage = async (req: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const endpoints = await endpointList(deps, callerOf(req).accountId);
    return sendConsolePage(req, reply, {
      title: 'Webhooks',
      current: 'integrations',
      body: ({ csrf }) => <WebhooksPage endpoints={endpoints} choices={CHOICES} csrf={csrf} {...shown} />,
    });
  };
  const endpointPage = async (req: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const view = await endpointView(deps, callerOf(req).accountId, endpointOf(req));
    return sendConsolePage(req, reply, {
      title: `Webhook endpoint ${view.endpoint.url}`,
      current: 'integrations',
      body: ({ csrf }) => <EndpointPage view={view} csrf={csrf} {...shown} />,
    });
  };
  /**
   * Runs an action on the endpoint, then leads back to its page saying what happened (a reload repeats
   * nothing), or shows the page with why not.
   */
  const act = (req: FastifyRequest, reply: FastifyReply, run: () => Promise<Done>) =>
    attempt(
      reply,
      async () => reply.redirect(`/console/integrations/webhooks/${endpointOf(req)}?done=${await run()}`, 303),
      (message) => endpointPage(req, reply, { error: message }),
    );

  app.get('/console/integrations/webhooks', { schema: HIDDEN, config: READ }, (req, reply) => listPage(req, reply));

  app.post(
    '/console/integrations/webhooks',
    {
      schema: HIDDEN,
      config: rails({ access: ADMIN, limit: 'none', idempotency: 'secret', audit: audited('console.webhook-created', ENDPOINT) }),
    },
    async (req, reply) => {
      const parsed = endpointForm(req.body, CHOICES);
      if (!parsed.ok) return listPage(req, reply.status(400), { error: parsed.problem, form: parsed.form });
      const input = parsed.value;
      return attempt(
        reply,
        async () => {
          const e = await createEndpoint(deps.webhooks, callerOf(req).accountId, input);
          return sendConsolePage(req, reply, {
            title: 'Endpoint added',
            current: 'integrations',
            status: 201,
            body: () => (
              <SecretPage
                title="Endpoint added"
                current="webhooks"
                label="The signing secret"
                secret={e.secret}
                back={{ href: `/console/integrations/webhooks/${e.id}`, label: "Open the endpoint's page" }}
              >
                <p>
                  Events to <code>{e.url}</code> are signed with it (Standard Webhooks: <code>webhook-signature</code>).
                </p>
              </SecretPage>
            ),
          });
        },
        (message) => listPage(req, reply, { error: message, form: req.body as Record<string, string> }),
      );
    },
  );

  app.get('/console/integrations/webhooks/:endpointId', { schema: HIDDEN, config: READ }, (req, reply) =>
    endpointPage(req, reply, { notice: doneText((req.query as { done?: unknown }).done) }),
  );

  app.post(
    '/console/integrations/webhooks/:endpointId/rotate',
    {
      schema: HIDDEN,
      config: rails({
        access: ADMIN,
        limit: 'none',
        idempotency: 'secret',
        audit: audited('console.webhook-secret-rotated', ENDPOINT, 'params.endpointId'),
      }),
    },
    // The new secret is shown on this answer (and never again), so it is not a redirect.
    async (req, reply) => {
      const { secret } = await rotateEndpointSecret(deps.webhooks, callerOf(req).accountId, endpointOf(req));
      return endpointPage(req, reply, { notice: 'Signing secret rotated: the old one no longer signs anything.', secret });
    },
  );

  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    app.post(
      `/console/integrations/webhooks/:endpointId/${action}`,
      { schema: HIDDEN, config: change(`console.webhook-${action}d`) },
      (req, reply) =>
        act(req, reply, async () => {
          await updateEndpoint(deps.webhooks, callerOf(req).accountId, endpointOf(req), { enabled });
          return enabled ? 'enabled' : 'disabled';
        }),
    );

  app.post('/console/integrations/webhooks/:endpointId/test', { schema: HIDDEN, config: change('console.webhook-tested') }, (req, reply) =>
    act(req, reply, async () => {
      await sendTestEvent(deps.webhooks, callerOf(req).accountId, endpointOf(req), deps.wake);
      return 'tested';
    }),
  );

  app.post(
    '/console/integrations/webhooks/:endpointId/events/:eventId/replay',
    { schema: HIDDEN, config: change('console.webhook-replayed', 'webhook-event', 'params.eventId') },
    (req, reply) =>
      act(req, reply, async () => {
        const { eventId } = req.params as { eventId: string };
        await replayEvent(deps.webhooks, callerOf(req).accountId, eventId, endpointOf(req), deps.wake);
        return 'replayed';
      }),
  );
}
