import { failingEndpointIds, listEndpoints } from '../../webhooks/index.ts';
import type { IntegrationsConsoleDeps } from './deps.ts';

/** The account's webhook endpoints as the API lists them, each marked failing or not. */
export async function endpointList(deps: IntegrationsConsoleDeps, accountId: string) {
  const endpoints = await listEndpoints(deps.webhooks, accountId);
  const failing = await failingEndpointIds(deps.webhooks, accountId);
  return endpoints.map((e) => ({ ...e, failing: failing.has(e.id) }));
}
export type ListedEndpoint = Awaited<ReturnType<typeof endpointList>>[number];
