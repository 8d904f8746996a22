import type { FastifyInstance } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { callerOf, rails } from '../../../platform/http/rails.ts';
import type { IntegrationsConsoleDeps } from '../app/deps.ts';
import { integrationsOverview } from '../app/overview.ts';
import { registerCredentialRoutes } from './credential-routes.tsx';
import { OverviewPage } from './overview-page.tsx';
import { registerWebhookConsoleRoutes } from './webhook-routes.tsx';

/** The console's Integrations section (ADMIN only): API tokens, OAuth clients, webhook endpoints. */
export function registerIntegrationsRoutes(app: FastifyInstance, deps: IntegrationsConsoleDeps) {
  app.get(
    '/console/integrations',
    { schema: { hide: true }, config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }) },
    async (req, reply) => {
      const counts = await integrationsOverview(deps, callerOf(req).accountId);
      return sendConsolePage(req, reply, { title: 'Integrations', current: 'integrations', body: () => <OverviewPage counts={counts} /> });
    },
  );
  registerCredentialRoutes(app, deps);
  registerWebhookConsoleRoutes(app, deps);
}
