import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { createOauthClient, issueApiToken, listOauthClients, revokeApiToken, revokeOauthClient } from '../../accounts/index.ts';
import type { IntegrationsConsoleDeps } from '../app/deps.ts';
import { tokenList } from '../app/token-list.ts';
import { credentialForm, tokenForm } from '../domain/forms.ts';
import { attempt } from './attempt.ts';
import { ClientsPage } from './clients-page.tsx';
import { SecretPage } from './secret-page.tsx';
import { TokensPage } from './tokens-page.tsx';

const HIDDEN = { hide: true } as const;
const ADMIN = ['ADMIN'] as const;
const READ = rails({ access: ADMIN, limit: 'none', audit: 'none' });
/** A POST whose answer holds a secret shown once: an `Idempotency-Key` is refused, so no copy of the answer is kept. */
const withSecret = (action: string, subject: string) =>
  rails({ access: ADMIN, limit: 'none', idempotency: 'secret', audit: audited(action, subject) });
const change = (action: string, subject: string, from: string) =>
  rails({ access: ADMIN, limit: 'none', idempotency: 'change', audit: audited(action, subject, from) });

/** A revocation leads back to its list (a reload repeats nothing), which says it was done. */
const revokedSaid = (req: FastifyRequest) => (req.query as { done?: unknown }).done === 'revoked';

type Shown = { notice?: string | null; error?: string | null; form?: Record<string, string> };

/** API tokens and OAuth clients: listed, created (the secret shown once), revoked; through the accounts module's use cases. */
export function registerCredentialRoutes(app: FastifyInstance, deps: IntegrationsConsoleDeps) {
  const tokensPage = async (req: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const tokens = await tokenList(deps, callerOf(req).accountId);
    return sendConsolePage(req, reply, {
      title: 'API tokens',
      current: 'integrations',
      body: ({ csrf }) => <TokensPage tokens={tokens} csrf={csrf} {...shown} />,
    });
  };
  const clientsPage = async (req: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const clients = await listOauthClients(deps.credentials, callerOf(req).accountId);
    return sendConsolePage(req, reply, {
      title: 'OAuth clients',
      current: 'integrations',
      body: ({ csrf }) => <ClientsPage clients={clients} csrf={csrf} {...shown} />,
    });
  };

  app.get('/console/integrations/tokens', { schema: HIDDEN, config: READ }, (req, reply) =>
    tokensPage(req, reply, { notice: revokedSaid(req) ? 'Token revoked: calls made with it are refused from now on.' : null }),
  );

  app.post('/console/integrations/tokens', { schema: HIDDEN, config: withSecret('console.token-created', 'token') }, async (req, reply) => {
    const parsed = tokenForm(req.body);
    if (!parsed.ok) return tokensPage(req, reply.status(400), { error: parsed.problem, form: parsed.form });
    const input = parsed.value;
    return attempt(
      reply,
      async () => {
        const t = await issueApiToken(deps.accounts, { accountId: callerOf(req).accountId, ...input });
        return sendConsolePage(req, reply, {
          title: 'Token created',
          current: 'integrations',
          status: 201,
          body: () => (
            <SecretPage
              title={`Token “${t.name}” created`}
              current="tokens"
              label="The token"
              secret={t.token}
              back={{ href: '/console/integrations/tokens', label: 'Back to API tokens' }}
            >
              <p>
                Send it as <code>Authorization: Bearer …</code>. Roles: {t.roles.join(', ')}.
              </p>
            </SecretPage>
          ),
        });
      },
      (message) => tokensPage(req, reply, { error: message, form: req.body as Record<string, string> }),
    );
  });

  app.post(
    '/console/integrations/tokens/:tokenId/revoke',
    { schema: HIDDEN, config: change('console.token-revoked', 'token', 'params.tokenId') },
    async (req, reply) => {
      await revokeApiToken(deps.accounts, callerOf(req).accountId, (req.params as { tokenId: string }).tokenId);
      return reply.redirect('/console/integrations/tokens?done=revoked', 303);
    },
  );

  app.get('/console/integrations/oauth-clients', { schema: HIDDEN, config: READ }, (req, reply) =>
    clientsPage(req, reply, {
      notice: revokedSaid(req) ? 'Client revoked: its secret and the access tokens it was given are refused from now on.' : null,
    }),
  );

  app.post(
    '/console/integrations/oauth-clients',
    { schema: HIDDEN, config: withSecret('console.oauth-client-created', 'oauth-client') },
    async (req, reply) => {
      const parsed = credentialForm(req.body, 'client');
      if (!parsed.ok) return clientsPage(req, reply.status(400), { error: parsed.problem, form: parsed.form });
      const input = parsed.value;
      return attempt(
        reply,
        async () => {
          const c = await createOauthClient(deps.accounts, { accountId: callerOf(req).accountId, ...input });
          return sendConsolePage(req, reply, {
            title: 'OAuth client registered',
            current: 'integrations',
            status: 201,
            body: () => (
              <SecretPage
                title={`Client “${c.name}” registered`}
                current="clients"
                label="The client secret"
                secret={c.clientSecret}
                back={{ href: '/console/integrations/oauth-clients', label: 'Back to OAuth clients' }}
              >
                <p>
                  Client id: <code id="client-id">{c.clientId}</code>. Exchange both at <code>/rest/v2/oauth/token</code> with{' '}
                  <code>grant_type=client_credentials</code>.
                </p>
              </SecretPage>
            ),
          });
        },
        (message) => clientsPage(req, reply, { error: message, form: req.body as Record<string, string> }),
      );
    },
  );

  app.post(
    '/console/integrations/oauth-clients/:clientId/revoke',
    { schema: HIDDEN, config: change('console.oauth-client-revoked', 'oauth-client', 'params.clientId') },
    async (req, reply) => {
      const clientId = (req.params as { clientId: string }).clientId;
      if (clientId.length > 100) throw CommonErrors.notFound('OAuth client', clientId.slice(0, 100));
      await revokeOauthClient(deps.credentials, callerOf(req).accountId, clientId);
      return reply.redirect('/console/integrations/oauth-clients?done=revoked', 303);
    },
  );
}
