/**
 * SheerID's partner ("OEM") webhooks (`/rest/oem/program/{id}/webhooks`): a program may have several,
 * each told of one kind of news (`type`) at its `callbackUri`, with the header `X-SheerID-Webhook-Type`
 * naming the kind and a body holding `verificationId` (or `program_id` for a program change). Like the
 * program webhook, each is an endpoint row of its own kind, so it shares the outbox, the dispatcher, the
 * retries, the SSRF guard and the delivery log with every other endpoint:
 *
 * - its id is `wpo_<programId>_<24 hex>`: the kind and the program it is bound to are read from the id;
 * - its `event_types` column holds its one SheerID type, which is not an account-wide event type, so no
 *   account-wide event reaches it; the outbox writes an event of its own (`partner.webhook:<TYPE>`, with
 *   SheerID's body) for each event of its program that its type tells, and that event goes to it alone.
 */
export const PARTNER_ENDPOINT_PREFIX = 'wpo_';

export const PARTNER_WEBHOOK_TYPES = ['TEST', 'SUCCESS', 'FAILURE', 'PROGRAM_CHANGE', 'REMINDER', 'EMAIL_LOOP', 'NEED_MORE_DOCS'] as const;
export type PartnerWebhookType = (typeof PARTNER_WEBHOOK_TYPES)[number];

export const isPartnerWebhookType = (t: string): t is PartnerWebhookType => (PARTNER_WEBHOOK_TYPES as readonly string[]).includes(t);

/** The type of the events written for partner webhooks is this prefix and the SheerID type. */
export const PARTNER_WEBHOOK_EVENT_PREFIX = 'partner.webhook:';

export const partnerEventType = (t: PartnerWebhookType) => `${PARTNER_WEBHOOK_EVENT_PREFIX}${t}`;

export const isPartnerEvent = (eventType: string) => eventType.startsWith(PARTNER_WEBHOOK_EVENT_PREFIX);

/** The SheerID type an event written for a partner webhook carries (its `X-SheerID-Webhook-Type`). */
export const partnerTypeOfEvent = (eventType: string): string | null =>
  isPartnerEvent(eventType) ? eventType.slice(PARTNER_WEBHOOK_EVENT_PREFIX.length) : null;

const PARTNER_ENDPOINT_ID = /^wpo_([0-9a-f]{24})_[0-9a-f]{24}$/;

export const partnerEndpointPrefix = (programId: string) => `${PARTNER_ENDPOINT_PREFIX}${programId}_`;

export const partnerEndpointId = (programId: string, hex24: string) => `${partnerEndpointPrefix(programId)}${hex24}`;

export const isPartnerEndpoint = (endpointId: string) => endpointId.startsWith(PARTNER_ENDPOINT_PREFIX);

/** The program a partner webhook is bound to; null for any other endpoint. */
export function programOfPartnerEndpoint(endpointId: string): string | null {
  return PARTNER_ENDPOINT_ID.exec(endpointId)?.[1] ?? null;
}

/**
 * The SheerID types an account-wide event tells, by its type and payload: a success, a final error, a
 * document rejected (the person is asked for more documents), a program changed through the partner API.
 * a verification left unfinished (REMINDER), the email loop's mail sent (EMAIL_LOOP). TEST is sent once
 * when such a webhook is registered.
 */
export function partnerTypesOf(eventType: string, payload: Record<string, unknown>): PartnerWebhookType[] {
  switch (eventType) {
    case 'verification.success':
      return ['SUCCESS'];
    case 'verification.error':
      return ['FAILURE'];
    case 'verification.docUpload':
      return payload.notifierEventType === 'DOCUMENT_REJECTED' ? ['NEED_MORE_DOCS'] : [];
    case 'program.changed':
      return ['PROGRAM_CHANGE'];
    case 'verification.reminder':
      return ['REMINDER'];
    case 'verification.emailLoop':
      return ['EMAIL_LOOP'];
    default:
      return [];
  }
}

/** The event types whose events may be told to partner webhooks (so the outbox reads a payload only for those). */
export const PARTNER_TRIGGERS: ReadonlySet<string> = new Set([
  'verification.success',
  'verification.error',
  'verification.docUpload',
  'verification.reminder',
  'verification.emailLoop',
  'program.changed',
]);

/** The exact bytes sent to a partner webhook: the program for a program change or a test, else the verification. */
export function partnerWebhookBody(type: PartnerWebhookType, ids: { programId: string; verificationId?: string }): string {
  if (type === 'PROGRAM_CHANGE' || type === 'TEST' || !ids.verificationId) return JSON.stringify({ program_id: ids.programId });
  return JSON.stringify({ verificationId: ids.verificationId });
}

/** The header naming a partner webhook delivery's type, as SheerID sends it. */
export const PARTNER_TYPE_HEADER = 'X-SheerID-Webhook-Type';
