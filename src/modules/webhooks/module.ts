import type { VouchModule } from '../../platform/module.ts';
import type { WebhooksDeps } from './app/deps.ts';
import type { Dispatcher } from './app/dispatcher.ts';
import { registerWebhookRoutes } from './http/routes.ts';

/**
 * Webhooks: the endpoint and program-webhook routes, and the dispatcher that delivers the outbox.
 * `exclusive`: this process is the only one on the store (embedded), so leases a killed run left are dropped.
 */
export const createWebhooksModule = (deps: WebhooksDeps, dispatcher: Dispatcher, exclusive: boolean): VouchModule => ({
  name: 'webhooks',
  routes: (app) => registerWebhookRoutes(app, deps, () => dispatcher.wake()),
  start: (log) =>
    dispatcher.start({
      exclusive,
      log: (message, error) => log.error({ error: { message: (error as Error)?.message ?? String(error) } }, message),
    }),
  // Lets attempts in flight finish (bounded by the timeout) and records them.
  stop: () => dispatcher.stop(),
});
