import { z } from 'zod';
import { singleLineName } from '../../../shared/names.ts';

// The webhook bodies and answers of the management API.

const Id = z.string().min(1).max(100);
const epochMs = z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' });
const EventTypes = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(50)
  .meta({ description: 'Event types to send (`verification.success`), a family (`verification.*`) or every one (`*`)' });
// The description is the endpoint's label in lists: one line, like every stored name.
const Description = singleLineName(500);

export const NewEndpoint = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .max(2000)
      .meta({ description: 'An https (or http) URL without credentials, on a public address', format: 'uri' }),
    eventTypes: EventTypes,
    description: Description.optional(),
  })
  .meta({ examples: [{ url: 'https://hooks.example.com/vouch', eventTypes: ['verification.*'], description: 'Orders team' }] });

export const EndpointPatch = z
  .strictObject({
    enabled: z.boolean().optional(),
    eventTypes: EventTypes.optional(),
    description: Description.nullable().optional(),
  })
  .meta({ examples: [{ enabled: true }, { eventTypes: ['verification.success'], description: null }] });

export const ReplayBody = z
  .strictObject({ endpointId: Id.optional().meta({ description: 'Only to this endpoint (default: every enabled one subscribed now)' }) })
  .nullish();

export { Id };

const endpointFields = {
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().meta({ description: 'Why the endpoint was turned off (a 410 from it, or by hand)' }),
  programId: z
    .string()
    .optional()
    .meta({ description: 'Present on a program webhook (`POST /rest/v2/program/{programId}/webhook`): the program it is told of' }),
  created: epochMs,
  updated: epochMs,
};

export const Endpoint = z.object(endpointFields).meta({ description: 'The endpoint' });

export const CreatedEndpoint = z
  .object({ ...endpointFields, secret: z.string().meta({ description: 'The signing secret, shown once' }) })
  .meta({ description: 'The endpoint, with its signing secret' });

export const Delivery = z.object({
  id: z.string(),
  eventId: z.string(),
  endpointId: z.string(),
  status: z.string().meta({ enum: ['pending', 'delivered', 'dead'] }),
  attempts: z.int(),
  nextAttemptAt: epochMs.nullable(),
  lastStatusCode: z.int().nullable(),
  lastError: z.string().nullable(),
  created: epochMs.nullable(),
  completed: epochMs.nullable(),
});

export const Event = z
  .object({
    id: z.string(),
    type: z.string(),
    subjectId: z.string(),
    sequence: z.number(),
    created: epochMs,
    payload: z.unknown().meta({ description: 'The body sent, as sent' }),
    deliveries: z.array(Delivery),
  })
  .meta({ description: 'The event with its deliveries' });

export const Attempts = z
  .array(
    z.object({
      attempt: z.int(),
      statusCode: z.int().nullable().meta({ description: 'Null when no answer came' }),
      latencyMs: z.number(),
      error: z.string().nullable(),
      attemptedAt: epochMs,
    }),
  )
  .meta({ description: 'Every attempt of the delivery' });

export const Replayed = z
  .object({
    deliveries: z.array(z.object({ id: z.string(), eventId: z.string(), endpointId: z.string(), status: z.literal('pending') })),
  })
  .meta({ description: 'The new deliveries, queued' });

export const NoContent = z.null().meta({ description: 'Deleted; no body' });
