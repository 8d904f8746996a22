import { AppError, CommonErrors } from '../../shared/errors.ts';

/** The webhooks module's error catalog. */
export const WebhookErrors = {
  unknownEndpoint: (id: string) => CommonErrors.notFound('Webhook endpoint', id),
  unknownEvent: (id: string) => CommonErrors.notFound('Webhook event', id),
  unknownDelivery: (id: string) => CommonErrors.notFound('Webhook delivery', id),
  badUrl: (message: string) => new AppError('invalidWebhookUrl', 400, message),
  blockedTarget: (message: string) => new AppError('webhookTargetNotAllowed', 400, message),
  badEventTypes: (message: string) => CommonErrors.invalidRequest(message),
  nothingToReplay: (id: string) => CommonErrors.conflict(`No enabled endpoint subscribed to event '${id}' to replay it to`),
  programWebhookExists: (programId: string) =>
    CommonErrors.conflict(`A webhook already exists for program '${programId}'; delete it before registering another`),
  programWebhookTypes: (id: string) =>
    CommonErrors.invalidRequest(`Endpoint '${id}' is a program webhook: it is sent its program's successes, and takes no eventTypes`),
  unknownPartnerWebhook: (id: string) => CommonErrors.notFound('Webhook', id),
  tooManyPartnerWebhooks: (programId: string, max: number) =>
    CommonErrors.conflict(`Program '${programId}' has ${max} webhooks already; delete one before registering another`),
  otherKindOfEvent: (eventId: string, endpointId: string) =>
    CommonErrors.invalidRequest(
      `Event '${eventId}' cannot be sent to endpoint '${endpointId}': a program webhook takes only its own program's events, and only it takes them`,
    ),
} as const;
