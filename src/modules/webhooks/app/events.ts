import { subscribes } from '../domain/event-types.ts';
import { isPartnerEndpoint, isPartnerEvent } from '../domain/partner-webhook.ts';
import { isProgramEndpoint, PROGRAM_WEBHOOK_EVENT, programOfEndpoint } from '../domain/program-webhook.ts';
import { WebhookErrors } from '../error-codes.ts';
import type { DeliveryRow, EventRow } from '../infra/webhooks-repository.ts';
import type { WebhooksDeps } from './deps.ts';

const time = (d: Date | null) => (d ? d.getTime() : null);

export const presentDelivery = (d: DeliveryRow) => ({
  id: d.id,
  eventId: d.event_id,
  endpointId: d.endpoint_id,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? time(d.next_attempt_at) : null,
  lastStatusCode: d.last_status_code,
  lastError: d.last_error,
  created: time(d.created_at),
  completed: time(d.completed_at),
});

const presentEvent = (e: EventRow, deliveries: DeliveryRow[]) => ({
  id: e.id,
  type: e.type,
  subjectId: e.subject_id,
  sequence: e.sequence,
  created: e.created_at.getTime(),
  payload: JSON.parse(e.body) as unknown,
  deliveries: deliveries.filter((d) => d.event_id === e.id).map(presentDelivery),
});

/** The account's events, newest first, with their deliveries; `before` (an event id) pages back. */
export async function listEvents(
  deps: WebhooksDeps,
  accountId: string,
  q: { type?: string; subjectId?: string; limit: number; before?: string },
) {
  let before;
  if (q.before) {
    const anchor = await deps.repo.findEvent(accountId, q.before);
    if (!anchor) throw WebhookErrors.unknownEvent(q.before);
    before = { created_at: anchor.created_at, id: anchor.id };
  }
  const events = await deps.repo.listEvents(accountId, { type: q.type, subjectId: q.subjectId, limit: q.limit, before });
  const deliveries = await deps.repo.deliveriesOfEvents(
    accountId,
    events.map((e) => e.id),
  );
  return events.map((e) => presentEvent(e, deliveries));
}

export async function getEvent(deps: WebhooksDeps, accountId: string, id: string) {
  const e = await deps.repo.findEvent(accountId, id);
  if (!e) throw WebhookErrors.unknownEvent(id);
  return presentEvent(e, await deps.repo.deliveriesOfEvents(accountId, [id]));
}

export async function listDeliveries(deps: WebhooksDeps, accountId: string, endpointId: string, q: { status?: string; limit: number }) {
  if (!(await deps.repo.findEndpoint(accountId, endpointId))) throw WebhookErrors.unknownEndpoint(endpointId);
  return (await deps.repo.deliveriesOfEndpoint(accountId, endpointId, q)).map(presentDelivery);
}

/** Every attempt of a delivery: HTTP status (null when no answer came), latency and error. */
export async function listAttempts(deps: WebhooksDeps, accountId: string, deliveryId: string) {
  if (!(await deps.repo.findDelivery(accountId, deliveryId))) throw WebhookErrors.unknownDelivery(deliveryId);
  return (await deps.repo.attempts(accountId, deliveryId)).map((a) => ({
    attempt: a.attempt,
    statusCode: a.status_code,
    latencyMs: a.latency_ms,
    error: a.error,
    attemptedAt: a.attempted_at.getTime(),
  }));
}

/**
 * Sends an event again, as a new delivery with its own attempts: to one endpoint, or to every enabled
 * endpoint that subscribes to its type now. The body, `webhook-id` and sequence are the original ones, so
 * a consumer that already has it can recognise it.
 */
export async function replayEvent(
  deps: WebhooksDeps,
  accountId: string,
  eventId: string,
  endpointId: string | undefined,
  wake: () => void,
) {
  const e = await deps.repo.findEvent(accountId, eventId);
  if (!e) throw WebhookErrors.unknownEvent(eventId);
  const endpoints = (await deps.repo.listEndpoints(accountId)).filter((ep) => ep.enabled);
  // A program webhook's event goes to its program's webhook only (the current one, should it have been
  // registered again), and an account-wide event never to a program webhook: each has its own body and signature.
  let fits = (id: string) => !isProgramEndpoint(id) && !isPartnerEndpoint(id);
  // A partner webhook's event goes to the partner webhooks it was written for, and to them only.
  const own = isPartnerEvent(e.type);
  if (own) {
    const to = new Set((await deps.repo.deliveriesOfEvents(accountId, [e.id])).map((d) => d.endpoint_id));
    fits = (id) => to.has(id);
  } else if (e.type === PROGRAM_WEBHOOK_EVENT) {
    const first = (await deps.repo.deliveriesOfEvents(accountId, [e.id]))[0];
    const programId = first ? programOfEndpoint(first.endpoint_id) : null;
    fits = (id) => programId !== null && programOfEndpoint(id) === programId;
  }
  let targets;
  if (endpointId) {
    if (!(await deps.repo.findEndpoint(accountId, endpointId))) throw WebhookErrors.unknownEndpoint(endpointId);
    if (!fits(endpointId)) throw WebhookErrors.otherKindOfEvent(eventId, endpointId);
    targets = endpoints.filter((ep) => ep.id === endpointId);
  } else {
    targets = endpoints.filter((ep) => fits(ep.id) && (own || e.type === PROGRAM_WEBHOOK_EVENT || subscribes(ep.event_types, e.type)));
  }
  if (targets.length === 0) throw WebhookErrors.nothingToReplay(eventId);
  const now = deps.clock.now();
  const rows = targets.map((ep) => ({
    id: deps.ids.hex24(),
    account_id: accountId,
    event_id: e.id,
    endpoint_id: ep.id,
    next_attempt_at: now,
    created_at: now,
  }));
  await deps.repo.insertDeliveries(rows);
  wake();
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, endpointId: r.endpoint_id, status: 'pending' as const }));
}
