import { CommonErrors } from '../../../shared/errors.ts';
import { WebhookErrors } from '../error-codes.ts';
import type { EndpointAdminDeps } from './endpoint-admin-deps.ts';

/** The type of the event a test sends: no endpoint subscribes to it, it goes only where it is asked to. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * Sends an endpoint a test event (`webhook.test`), signed and delivered like any other (with retries),
 * so its receiver and signature check can be tried. The body names no one: the endpoint and a time.
 */
export async function sendTestEvent(deps: EndpointAdminDeps, accountId: string, endpointId: string, wake: () => void) {
  const endpoint = await deps.repo.findEndpoint(accountId, endpointId);
  if (!endpoint) throw WebhookErrors.unknownEndpoint(endpointId);
  if (!endpoint.enabled) throw CommonErrors.conflict('This endpoint is disabled: enable it before sending it a test event');
  const now = deps.clock.now();
  const eventId = `evt_${deps.ids.hex24()}`;
  const subjectId = `webhook-test:${endpointId}`;
  const deliveryId = deps.ids.hex24();
  await deps.admin.insertTestEvent(
    { id: eventId, account_id: accountId, type: TEST_EVENT_TYPE, subject_id: subjectId, created_at: now },
    (sequence) => JSON.stringify({ type: TEST_EVENT_TYPE, endpointId, subjectId, sequence, timestamp: now.toISOString() }),
    { id: deliveryId, account_id: accountId, endpoint_id: endpointId, next_attempt_at: now, created_at: now },
  );
  wake();
  return { eventId, deliveryId };
}
