export type { WebhooksDeps } from './app/deps.ts';
export { EVENT_TYPES, type EventType } from './domain/event-types.ts';
export { parseRetryAfter, RETRY_SCHEDULE_SECONDS } from './domain/retry-policy.ts';
export { createOutbox, type EventOutbox, type WebhookEvent } from './app/outbox.ts';
export { createEndpoint } from './app/endpoints.ts';
export {
  createPartnerWebhooks,
  deletePartnerWebhook,
  getPartnerWebhook,
  listPartnerWebhooks,
  MAX_PARTNER_WEBHOOKS,
  updatePartnerWebhook,
} from './app/partner-webhooks.ts';
export { PARTNER_WEBHOOK_TYPES, type PartnerWebhookType } from './domain/partner-webhook.ts';
export { createDispatcher, type Dispatcher, type DispatcherHooks, type Outcome } from './app/dispatcher.ts';
export { WebhooksRepository } from './infra/webhooks-repository.ts';
/** Deliveries by status, for /metrics and operators: `new WebhooksRepository(db).countsByStatus()`. */
export { isBlockedAddress } from './infra/address-guard.ts';
export { registerWebhookRoutes } from './http/routes.ts';
export { WebhookErrors } from './error-codes.ts';
export { createWebhooksModule } from './module.ts';
export { subjectWebhooks } from './app/subject-webhooks.ts';
export { EndpointHealth, type FailingEndpoint } from './infra/endpoint-health.ts';
export { failingEndpoints } from './app/failing-endpoints.ts';
export { listEndpoints, getEndpoint, updateEndpoint } from './app/endpoints.ts';
export { getEvent, listDeliveries, listAttempts, replayEvent } from './app/events.ts';
export { EndpointAdminRepository } from './infra/endpoint-admin-repository.ts';
export type { EndpointAdminDeps } from './app/endpoint-admin-deps.ts';
export { rotateEndpointSecret } from './app/rotate-endpoint-secret.ts';
export { sendTestEvent, TEST_EVENT_TYPE } from './app/send-test-event.ts';
export { failingEndpointIds } from './app/failing-endpoint-ids.ts';
