import { failingEndpointIds, getEndpoint, getEvent, listAttempts, listDeliveries } from '../../webhooks/index.ts';
import type { IntegrationsConsoleDeps } from './deps.ts';

/** How many of an endpoint's deliveries its page shows, newest first. */
export const RECENT_DELIVERIES = 20;

/**
 * One endpoint's page: the endpoint, whether it is failing, and its recent deliveries, each with its event
 * (type and the body sent) and every attempt (status code, latency, error), read through the API's use cases.
 */
export async function endpointView(deps: IntegrationsConsoleDeps, accountId: string, endpointId: string) {
  const endpoint = await getEndpoint(deps.webhooks, accountId, endpointId);
  const failing = (await failingEndpointIds(deps.webhooks, accountId)).has(endpointId);
  const deliveries = await listDeliveries(deps.webhooks, accountId, endpointId, { limit: RECENT_DELIVERIES });
  const events = new Map<string, Awaited<ReturnType<typeof getEvent>>>();
  const recent = [];
  for (const d of deliveries) {
    let event = events.get(d.eventId);
    if (!event) {
      event = await getEvent(deps.webhooks, accountId, d.eventId);
      events.set(d.eventId, event);
    }
    recent.push({ ...d, eventType: event.type, body: event.payload, attemptList: await listAttempts(deps.webhooks, accountId, d.id) });
  }
  return { endpoint: { ...endpoint, failing }, deliveries: recent };
}
export type EndpointView = Awaited<ReturnType<typeof endpointView>>;
