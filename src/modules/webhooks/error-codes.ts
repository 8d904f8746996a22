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
} as const;
