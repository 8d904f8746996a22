/**
 * SheerID's API-managed program webhook (`POST /rest/v2/program/{programId}/webhook`): one callback per
 * program, told of every success of that program with the body `{"verificationId": "..."}` and the
 * header `X-Sheerid-Signature`. It is an endpoint row of its own kind, so it shares the outbox, the
 * dispatcher, the retries, the SSRF guard and the delivery log with every other endpoint:
 *
 * - its id is `whp_<programId>_<n>`: the kind and the program it is bound to are read from the id, and
 *   `n` counts the webhooks the program has had, so a new one never takes a deleted one's id;
 * - it subscribes to no event type, so no account-wide event ever reaches it; the outbox adds a
 *   delivery of its own for each `verification.success` of its program (an event of type
 *   `program.webhook`, whose body is the SheerID body), and that event goes to it alone.
 */
export const PROGRAM_ENDPOINT_PREFIX = 'whp_';

/** The type of the events written for program webhooks; not one an endpoint can subscribe to. */
export const PROGRAM_WEBHOOK_EVENT = 'program.webhook';

/** The account-wide event a program webhook is told of. */
export const PROGRAM_WEBHOOK_TRIGGER = 'verification.success';

const PROGRAM_ENDPOINT_ID = /^whp_([0-9a-f]{24})_[1-9][0-9]*$/;

export const programEndpointPrefix = (programId: string) => `${PROGRAM_ENDPOINT_PREFIX}${programId}_`;

export const programEndpointId = (programId: string, n: number) => `${programEndpointPrefix(programId)}${n}`;

export const isProgramEndpoint = (endpointId: string) => endpointId.startsWith(PROGRAM_ENDPOINT_PREFIX);

/** The program a program webhook is bound to; null for an account's own endpoints. */
export function programOfEndpoint(endpointId: string): string | null {
  return PROGRAM_ENDPOINT_ID.exec(endpointId)?.[1] ?? null;
}

/** The exact bytes SheerID sends to a program webhook, and Vouch signs. */
export const programWebhookBody = (verificationId: string) => JSON.stringify({ verificationId });

/**
 * A signing secret a caller may choose (to keep the one a receiver already checks, or to share one
 * between programs): 16 to 256 visible ASCII characters, so that it is the same bytes in any language.
 */
export const CHOSEN_SECRET = /^[\x21-\x7e]{16,256}$/;
