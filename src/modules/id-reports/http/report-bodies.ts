import { z } from 'zod';
import { SAMPLE_REJECT_REASONS } from '../app/sample-report.ts';
import { listed, named, NOT_AN_OBJECT } from '../../client-requests/index.ts';

// The bodies of a report's review and of the sandbox's sample report, with the sentences their checks have always used.

/** A request's id: any string that is not blank, trimmed (an unknown one is answered 404). */
const requestId = z
  .string({ error: 'clientRequestId is required and must be a string' })
  .refine((v) => v.trim() !== '', 'clientRequestId is required and must be a string')
  .transform((v) => v.trim());

const DECIDED = ['APPROVE', 'REJECT'] as const;
const decision = z.enum(DECIDED, { error: named("must be 'APPROVE' or 'REJECT'") });
/** Any control character but tab and line feed: a reason may run over several lines. */
const REASON_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const REASON = 'must be a string of at most 1000 characters';

/** `review-report`: approve or reject a report in review; a rejection says why. */
export const ReviewBody = listed(
  {
    clientRequestId: requestId,
    decision,
    reason: z
      .string({ error: named(REASON) })
      .refine((v) => v.trim().length <= 1000 && !REASON_CONTROL.test(v.trim()), { error: named(REASON) })
      .transform((v) => v.trim())
      .nullable()
      .optional()
      .meta({ description: 'Required to reject' }),
  },
  {
    expected: ['clientRequestId', 'decision', 'reason'],
    order: ['clientRequestId', 'decision', 'reason'],
    notAnObject: () => NOT_AN_OBJECT,
    rules: (body, problem, failed) => {
      if (body.decision === 'REJECT' && !body.reason && !failed('reason')) problem('reason', 'is required to reject a report');
    },
  },
);

const SAMPLE_ID_KEYS = ['sessionId', 'mediaId01', 'mediaId02'];
const sampleIdEntry = z.string({ error: named('must be a string') }).refine((v) => v.length <= 100, { error: named('must be a string') });

/**
 * `criteria.id`: placeholders Treefort's sandbox takes (any string, such as "string"). Every entry sent is
 * checked in the order sent, an unknown one too, so it is parsed as entries and documented as the object.
 */
const sampleIds = listed(
  {},
  {
    expected: SAMPLE_ID_KEYS,
    order: [],
    notAnObject: (w) => `${w} must be an object`,
    entries: sampleIdEntry,
    documented: {
      type: 'object',
      properties: Object.fromEntries(SAMPLE_ID_KEYS.map((k) => [k, { type: 'string', maxLength: 100 }])),
      additionalProperties: false,
    },
  },
);

const REASONS = Object.keys(SAMPLE_REJECT_REASONS);

/** `generate-sample-report`: what the sample's recommendation is; a REJECT names the reason (and so the failed check). */
export const SampleReportBody = listed(
  {
    clientRequestId: requestId,
    criteria: listed(
      {
        id: sampleIds.optional(),
        recommendationValue: decision,
        // Its rule depends on the recommendation: see `rules`.
        recommendationReason: z
          .unknown()
          .optional()
          .transform((v) => v as string | null | undefined)
          .meta({ type: ['string', 'null'], description: `With REJECT, one of: ${REASONS.join(', ')}; with APPROVE, any text` }),
      },
      {
        expected: ['id', 'recommendationValue', 'recommendationReason'],
        order: ['id', 'recommendationValue', 'recommendationReason'],
        notAnObject: (w) => `${w} is required and must be an object`,
        rules: (c, problem) => {
          const reason = c.recommendationReason;
          if (c.recommendationValue === 'REJECT' && !(typeof reason === 'string' && Object.hasOwn(SAMPLE_REJECT_REASONS, reason)))
            problem('recommendationReason', `must be one of: ${REASONS.join(', ')}`);
          if (c.recommendationValue === 'APPROVE' && reason != null && typeof reason !== 'string')
            problem('recommendationReason', 'must be a string');
        },
      },
    ),
  },
  { expected: ['clientRequestId', 'criteria'], order: ['clientRequestId', 'criteria'], notAnObject: () => NOT_AN_OBJECT },
);

export type ReviewBody = z.output<typeof ReviewBody>;
export type SampleReportBody = z.output<typeof SampleReportBody>;
