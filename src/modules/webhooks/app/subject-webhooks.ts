import type { WebhooksDeps } from './deps.ts';

/**
 * The webhooks sent about one subject (a verification), oldest first: each event's type and time, and
 * each delivery of it with the endpoint's address, its state, attempts and last answer. Never the bodies
 * (they may carry personal data); the API's event routes serve those to who may read them.
 */
export async function subjectWebhooks(deps: Pick<WebhooksDeps, 'repo'>, accountId: string, subjectId: string, limit = 100) {
  const events = (await deps.repo.listEvents(accountId, { subjectId, limit })).reverse();
  const deliveries = await deps.repo.deliveriesOfEvents(
    accountId,
    events.map((e) => e.id),
  );
  const endpoints = new Map((await deps.repo.listEndpoints(accountId)).map((e) => [e.id, e.url]));
  return events.map((e) => ({
    eventId: e.id,
    type: e.type,
    sequence: e.sequence,
    at: e.created_at,
    deliveries: deliveries
      .filter((d) => d.event_id === e.id)
      .map((d) => ({
        id: d.id,
        endpointId: d.endpoint_id,
        url: endpoints.get(d.endpoint_id) ?? null,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.last_status_code,
        lastError: d.last_error,
        completed: d.completed_at,
      })),
  }));
}
