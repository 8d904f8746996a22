/**
 * The console's Integrations section (ADMIN only): API tokens, OAuth clients and webhook endpoints, each
 * listed, created (its secret shown once) and revoked or managed through the accounts and webhooks
 * modules' own use cases, the same the management API calls.
 */
export type { IntegrationsConsoleDeps } from './app/deps.ts';
export { createIntegrationsConsoleModule } from './module.ts';
