import { z } from 'zod';
import { ENVELOPE_MESSAGES } from '../../../platform/http/dialects.ts';

/**
 * What the client-request routes answer, as response schemas: the OpenAPI document shows them, and Fastify
 * serializes each answer with them. Every object is loose, so that a property the use case adds is sent
 * (after the described ones) rather than dropped; the described ones are in the order the use cases write
 * them. The shapes follow the seed's attribute tables (Treefort's "re-initiate verification request").
 * The answers of the file routes are in file-answers.ts, those of the report routes in report-answers.ts.
 */

/** A date as the dialect writes it: UTC, to the second, without a zone (`2021-03-24T12:00:00`). */
export const wireDate = z.string().meta({ description: 'UTC date and time, YYYY-MM-DDTHH:MM:SS', examples: ['2021-03-24T12:00:00'] });
export const id = z.string().meta({ description: 'An id Vouch made' });
/** A client's required name, email or phone number as stored: never null (create requires it, a change cannot empty it). */
export const profileText = z.string();

export const requestStatus = z.string().meta({
  description: 'pending (link sent), Review Report (submitted), Approved, Rejected or Cancelled',
  examples: ['pending'],
});
export const fileStatus = z
  .enum(['In Progress', 'Action Required', 'Cancelled', 'Closed'])
  .nullable()
  .meta({ description: 'Null in the answer that opens or changes the file; Action Required while a report awaits review' });

/** `true`: done (cancel, close, a sample report made). */
export const Done = z.boolean().meta({ examples: [true] });

/** The answer of a route: the envelope around `data`. */
export const envelope = <T extends z.ZodType>(data: T, example?: unknown) =>
  z
    .looseObject({
      statusCode: z.literal(200),
      message: z.literal(ENVELOPE_MESSAGES[200]),
      data,
      // Always null here; typed as the seed types the field (an array of strings, or null), which also keeps it
      // in clients generated from the document (openapi-fetch leaves out a property whose only type is null).
      errors: z.array(z.string()).nullable().meta({ description: 'null: nothing went wrong' }),
    })
    .meta({
      description: 'Done: `data` holds the answer',
      ...(example === undefined ? {} : { examples: [{ statusCode: 200, message: 'OK', data: example, errors: null }] }),
    });

/** The envelope of an error: `errors` lists what went wrong, each a sentence. */
const envelopeError = (status: number, description: string, example: string, data: boolean | null = null) =>
  z
    .looseObject({
      statusCode: z.literal(status),
      message: z.literal(ENVELOPE_MESSAGES[status]),
      data: z.boolean().nullable().meta({ description: 'null, or false where the dialect answers a refused change so' }),
      errors: z.array(z.string()),
    })
    .meta({ description, examples: [{ statusCode: status, message: ENVELOPE_MESSAGES[status], data, errors: [example] }] });

/** Any other error in the envelope (a body too large, a wrong media type, the service unavailable). */
const anyEnvelopeError = z
  .looseObject({ statusCode: z.int(), message: z.string(), data: z.boolean().nullable(), errors: z.array(z.string()) })
  .meta({ description: 'Another error, in the envelope' });

const ERRORS = {
  400: envelopeError(
    400,
    'The body is not what the route takes (each finding a sentence), or the change is not allowed now',
    'clientRequestId is required and must be a string',
  ),
  401: envelopeError(401, 'No bearer token, or one that is unknown, revoked or expired', 'Provided API token is empty or invalid'),
  403: envelopeError(403, "The token's roles do not include the route's", 'User is not authorized to make this request'),
  404: envelopeError(
    404,
    'No such file or request in this account',
    "No verification request with clientRequestId '7d1e4b5a-600b-4f3c-8e5d-1a4b9f3a2c7d'",
  ),
  409: envelopeError(
    409,
    'A request with this Idempotency-Key is still running',
    'A request with this Idempotency-Key is still in progress; retry later',
  ),
  410: envelopeError(
    410,
    'The report expired: it is kept only for audit',
    "The verification report of request '7d1e4b5a-600b-4f3c-8e5d-1a4b9f3a2c7d' expired on 2021-04-07T12:00:00 and is no longer available; it is kept only for audit",
  ),
  422: envelopeError(
    422,
    'This Idempotency-Key was used with another request',
    'This Idempotency-Key was used with a different request; use a new key for a new request',
  ),
  429: envelopeError(429, 'Too many requests (the Retry-After header says when to retry)', 'Too many requests; retry after 60 seconds'),
};

/** An answer in another media type than JSON. */
interface MediaAnswer {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
}

/** `auth/token`: the access token as text/plain, outside the envelope (as Treefort answers it). */
export const TokenAnswer: MediaAnswer = {
  description: 'The bearer token for the other routes, as text/plain',
  content: { 'text/plain': { schema: z.string().meta({ examples: ['vcho_2hXk9QeR4tYp7WmZ3vBn6LcA8sDf1GjK5uIo0PxEyT'] }) } },
};

/** `GET` and `PATCH /manage/v1/settings`: the account's settings, all of them. */
export const SettingsView = z
  .looseObject({
    linkLifetimeHours: z.int(),
    reportLifetimeDays: z.int(),
    reportWarningDays: z.int(),
    clientValidityDays: z.int(),
    testMode: z.boolean(),
    reportAuditDays: z.int(),
    defaultLanguage: z
      .enum(['en', 'fr'])
      .meta({ description: "Clients' language when a request names none (their mail and capture page)" }),
    timeZone: z.string().meta({ description: 'The IANA time zone the dates in client mails are written in' }),
    autoApproveReports: z
      .boolean()
      .meta({ description: 'Reports whose every check passed (the document read included) are approved without a reviewer' }),
  })
  .meta({
    description: 'The account settings',
    examples: [
      {
        linkLifetimeHours: 72,
        reportLifetimeDays: 14,
        reportWarningDays: 2,
        clientValidityDays: 365,
        testMode: false,
        reportAuditDays: 365,
        defaultLanguage: 'en',
        timeZone: 'UTC',
        autoApproveReports: false,
      },
    ],
  });

/**
 * A route's responses: its answer, and the errors it can give: 400, 401 and 429 (a bad body, a bad token,
 * a limit) on every route; `roles`: 403; `found`: 404 for an unknown id; `gone`: 410; `changes` (an
 * Idempotency-Key is honoured): 409 and 422; anything else in the envelope under 4XX and 5XX.
 */
export function responses(
  ok: z.ZodType | MediaAnswer,
  which: { roles?: boolean; found?: boolean; gone?: boolean; changes?: boolean } = {},
) {
  return {
    200: ok,
    400: ERRORS[400],
    401: ERRORS[401],
    ...(which.roles ? { 403: ERRORS[403] } : {}),
    ...(which.found ? { 404: ERRORS[404] } : {}),
    ...(which.changes ? { 409: ERRORS[409] } : {}),
    ...(which.gone ? { 410: ERRORS[410] } : {}),
    ...(which.changes ? { 422: ERRORS[422] } : {}),
    429: ERRORS[429],
    '4xx': anyEnvelopeError,
    '5xx': anyEnvelopeError,
  };
}
