import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { REJECTION_REASONS } from '../../eligibility-terms/index.ts';
import type { ReviewDecision } from '../app/decide-review.ts';
import type { StartInput } from '../app/start-verification.ts';
import type { MarketplaceInput } from '../app/marketplace.ts';
import { isCountry, isEmail, isFreeText, isIpAddress, isLocale, isPhone } from '../domain/field-rules.ts';
import { MAX_METADATA_KEY, MAX_METADATA_KEYS, MAX_METADATA_VALUE } from '../domain/metadata.ts';

// Bodies of the eligibility dialect parsed at the route. Their messages are the dialect's own sentences,
// given as `systemErrorMessage` (platform/http/dialects.ts); the errorId of a finding is `invalidRequest`.

/** A string property checked by `ok`, with one sentence for every way it can be wrong. */
const text = (message: string, ok: (v: string) => boolean = () => true) => z.string({ error: message }).refine(ok, { error: message });

/**
 * The metadata map. Only its being an object is checked here: the rules with errorIds of their own
 * (`maxMetadataValuesExceeded`, `maxMetadataLengthExceeded`) and the values (JSON scalars, kept as text)
 * are checked by the domain (`checkMetadata`), in that order. The document shows the rules. The map passes
 * through as sent (a record schema would copy it and lose a key named `__proto__`, which the domain keeps).
 */
export const MetadataMap = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    error: "Property 'metadata' must be an object of string values",
  })
  .meta({
    type: 'object',
    description: `Values the integrator keeps with the verification: at most ${MAX_METADATA_KEYS} keys of at most ${MAX_METADATA_KEY} characters, values of at most ${MAX_METADATA_VALUE} characters (more: \`maxMetadataValuesExceeded\`, \`maxMetadataLengthExceeded\`). A number or boolean is kept as its JSON text (\`false\` as "false"); a null value is not kept; an object or array is refused.`,
    propertyNames: { maxLength: MAX_METADATA_KEY },
    additionalProperties: { type: ['string', 'number', 'boolean', 'null'], maxLength: MAX_METADATA_VALUE },
    maxProperties: MAX_METADATA_KEYS,
    examples: [{ marketConsentValue: false, refererUrl: 'https://shop.example.com/offer' }],
  });
const Metadata = MetadataMap.nullable().optional();

/** `POST /rest/v2/verification`. */
export const StartBody = strictBody({
  programId: z
    .string({ error: "Property 'programId' is required and must be a string" })
    .meta({ description: 'The program to verify against', examples: ['5d4a5d2a7b9ca962e0b6a901'] }),
  trackingId: text("Property 'trackingId' must be a string of 1 to 200 printable characters", isFreeText(200))
    .optional()
    .meta({ description: "The integrator's own id for the person or order; the latest verification is found by it" }),
  installPageUrl: text("Property 'installPageUrl' must be a string", (v) => v.length <= 2000)
    .optional()
    .meta({ description: 'The page the verification form is shown on (kept with the metadata)', format: 'uri' }),
  metadata: Metadata,
  locale: text("Property 'locale' must look like 'en-US'", isLocale)
    .optional()
    .meta({ description: "The person's locale; one the program does not offer gives the program's first", examples: ['en-US'] }),
  country: text("Property 'country' must be an ISO 3166 alpha-2 code such as 'US'", isCountry)
    .optional()
    .meta({ description: 'One of the countries the program serves (default: its first)', examples: ['US'] }),
}).meta({
  description: 'A new verification of a program: it starts on the first step of the program’s flow.',
  examples: [
    { programId: '5d4a5d2a7b9ca962e0b6a901' },
    { programId: '5d4a5d2a7b9ca962e0b6a901', trackingId: 'order-42', metadata: { campaign: 'spring' } },
  ],
}) satisfies z.ZodType<StartInput>;

/** The person a marketplace start is for: known to the marketplace by email. */
const MarketplaceSubject = strictBody(
  {
    email: text("Property 'subject.email' is required and must be an email address", isEmail),
    phoneNumber: text("Property 'subject.phoneNumber' must be a phone number of at least 10 digits", isPhone).optional(),
    locale: text("Property 'subject.locale' must look like 'en-US'", isLocale).optional(),
    ipAddress: text("Property 'subject.ipAddress' must be an IP address", isIpAddress).optional(),
    ipAddressExtended: text("Property 'subject.ipAddressExtended' must be an IP address", isIpAddress).optional(),
    deviceFingerprintHash: text(
      "Property 'subject.deviceFingerprintHash' must be a string of 1 to 200 characters",
      isFreeText(200),
    ).optional(),
    externalUserId: text("Property 'subject.externalUserId' must be a string of 1 to 200 characters", isFreeText(200)).optional(),
    email2: text("Property 'subject.email2' must be an email address", isEmail).optional(),
    metadata: Metadata,
  },
  'subject',
  "Property 'subject' is required and must be a JSON object",
);

/** `POST /rest/v2/verification/marketplace`. */
export const MarketplaceBody = strictBody({
  programId: z
    .string({ error: "Property 'programId' is required and must be a string" })
    .meta({ description: 'A program set up for the marketplace flow', examples: ['5d4a5d2a7b9ca962e0b6a901'] }),
  trackingId: text("Property 'trackingId' must be a string of 1 to 200 printable characters", isFreeText(200)).optional(),
  subject: MarketplaceSubject,
}).meta({
  description: 'A verification started by a marketplace for a person it knows; the answer holds the token the person gives back.',
  examples: [{ programId: '5d4a5d2a7b9ca962e0b6a901', trackingId: 'order-42', subject: { email: 'randy@example.com' } }],
}) satisfies z.ZodType<MarketplaceInput>;

const DECISIONS = "decision must be 'APPROVE' or 'REJECT'";

/**
 * `POST /rest/v2/review/{verificationId}/decision`: `{"decision": "APPROVE"}`, or `{"decision": "REJECT",
 * "rejectionReasons": [...]}`. What `rejectionReasons` may hold depends on the decision, so it is checked
 * after it, with the sentences the review has always answered.
 */
export const DecisionBody = strictBody({
  decision: z.enum(['APPROVE', 'REJECT'], { error: DECISIONS }),
  rejectionReasons: z
    .unknown()
    .optional()
    .meta({
      type: 'array',
      items: { enum: [...REJECTION_REASONS] },
      description: 'At least one when rejecting; none (absent or empty) when approving',
    }),
})
  .superRefine((b, ctx) => {
    const reasons = b.rejectionReasons;
    const problem =
      b.decision === 'APPROVE'
        ? reasons !== undefined && !(Array.isArray(reasons) && reasons.length === 0) && 'An approval carries no rejectionReasons'
        : !Array.isArray(reasons) || reasons.length === 0
          ? 'A rejection needs at least one of the rejectionReasons'
          : unknownReason(reasons);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(
    (b): ReviewDecision =>
      b.decision === 'APPROVE'
        ? { decision: 'APPROVE', rejectionReasons: [] }
        : { decision: 'REJECT', rejectionReasons: [...new Set(b.rejectionReasons as string[])] },
  )
  .meta({
    examples: [{ decision: 'APPROVE' }, { decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED', 'MISMATCH_PERSON_LAST_NAME'] }],
  });

function unknownReason(reasons: unknown[]): string | false {
  const unknown = reasons.find((r) => !(REJECTION_REASONS as readonly unknown[]).includes(r));
  return unknown !== undefined && `Unknown rejection reason ${JSON.stringify(unknown)}`;
}

/**
 * `PUT /rest/v2/verification/{id}/metadata`: the whole new map (the rules of `MetadataMap`). Read once
 * the verification is loaded, so that a refusal names it.
 */
export const MetadataBody = z
  .record(z.string(), z.unknown(), { error: 'Request body must be a JSON object of metadata values' })
  .meta({ ...MetadataMap.meta(), description: `The new metadata, replacing the stored map whole. ${MetadataMap.meta()?.description}` });

/** `POST /rest/v2/verification/{id}/label/{label}`: an optional comment (no body is no comment). */
export const LabelBody = strictBody({
  comment: text("Property 'comment' must be a string of at most 2000 characters", (v) => v.length <= 2000)
    .nullable()
    .optional()
    .meta({ description: 'Why the verification is labelled (kept encrypted; erased with the person data)' }),
})
  .nullable()
  .optional()
  .meta({ examples: [{ comment: 'Same document as three other people' }] });

/** A request that takes no body: none, `null` or `{}`. */
export const NoBody = z
  .strictObject({}, { error: () => 'This request takes no body (or an empty object)' })
  .nullable()
  .optional()
  .meta({ description: 'No body, or `{}`' });

/** `POST /rest/v2/verification/{id}/rememberConsumer`: whether the person agrees to be remembered. */
export const RememberConsumerBody = strictBody({
  rememberMeConsentValue: z
    .boolean({ error: "Property 'rememberMeConsentValue' is required and must be a boolean" })
    .meta({ description: 'true: remember the person for the next verification; false: forget whatever was kept' }),
  sheeridMarketingConsentValue: z
    .boolean({ error: "Property 'sheeridMarketingConsentValue' must be a boolean" })
    .optional()
    .meta({ description: 'Whether the person also agrees to marketing (kept with them)' }),
}).meta({ examples: [{ rememberMeConsentValue: true }] });
