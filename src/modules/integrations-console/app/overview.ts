import { listApiTokens, listOauthClients } from '../../accounts/index.ts';
import { failingEndpointIds, listEndpoints } from '../../webhooks/index.ts';
import type { IntegrationsConsoleDeps } from './deps.ts';

/** The integrations overview: how many live tokens, clients and endpoints the account has, and how many endpoints fail. */
export async function integrationsOverview(deps: IntegrationsConsoleDeps, accountId: string) {
  const tokens = await listApiTokens(deps.accounts, accountId);
  const clients = await listOauthClients(deps.credentials, accountId);
  const endpoints = await listEndpoints(deps.webhooks, accountId);
  const failing = await failingEndpointIds(deps.webhooks, accountId);
  return {
    tokens: tokens.filter((t) => t.revoked === null).length,
    clients: clients.filter((c) => c.revoked === null).length,
    endpoints: endpoints.length,
    failing: endpoints.filter((e) => failing.has(e.id)).length,
  };
}
