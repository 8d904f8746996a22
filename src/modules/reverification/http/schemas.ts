import { z } from 'zod';
import { HEX24 } from '../../../shared/ids.ts';
import { MAX_BATCH } from '../app/deps.ts';
import type { BatchInput } from '../app/create-batch.ts';
import { ReverifyErrors } from '../error-codes.ts';

// The re-verification bodies and answers. A finding's message is the sentence the dialect gives as
// `systemErrorMessage` (platform/http/dialects.ts).

const MISSING = ReverifyErrors.missing().message;
const KEYS = 'programId, verificationIds';
const idAt = (issue: { path?: PropertyKey[]; input?: unknown }) =>
  ReverifyErrors.badId(Number(issue.path?.at(-1) ?? 0), issue.input).message;
const tooMany = (issue: { input?: unknown }) =>
  ReverifyErrors.tooMany(MAX_BATCH, Array.isArray(issue.input) ? issue.input.length : 0).message;

/** `POST /rest/v2/verification/reverify`. */
export const BatchBody = z
  .strictObject(
    {
      programId: z.string({ error: MISSING }).meta({ description: 'The program the verifications belong to' }),
      verificationIds: z
        .array(z.string({ error: idAt }).regex(HEX24, { error: idAt }), { error: MISSING })
        .min(1, { error: MISSING })
        .max(MAX_BATCH, { error: tooMany })
        .meta({ description: `The verifications to check again (1 to ${MAX_BATCH}); each gives a new verification` }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unexpected property '${issue.keys[0]}', expected one of: ${KEYS}`
          : issue.code === 'invalid_type'
            ? MISSING
            : undefined,
    },
  )
  .meta({
    examples: [
      {
        programId: '5d4a5d2a7b9ca962e0b6a901',
        verificationIds: ['5d4a5b672988eb627bb6ffa6', '5d4a5eea2988eb627bb70001', '5d4a65ba2988eb627bb700b9', '5d54a6a12de9ad624429424c'],
      },
    ],
  }) satisfies z.ZodType<BatchInput>;

/** The answer to a new batch: where to follow it and where its report will be. */
export const CreatedBatch = z
  .object({ batchId: z.string(), statusUrl: z.string().meta({ format: 'uri' }), reportUrl: z.string().meta({ format: 'uri' }) })
  .meta({
    description: 'The batch, created',
    examples: [
      {
        batchId: '7740a4ea7df746b1956d3126021874a9',
        statusUrl: 'https://vouch.example.com/rest/v2/verification/reverify/7740a4ea7df746b1956d3126021874a9',
        reportUrl: 'https://vouch.example.com/rest/v2/report/reverify/7740a4ea7df746b1956d3126021874a9',
      },
    ],
  });

/** A batch's progress. */
export const BatchStatus = z
  .object({
    batchId: z.string(),
    created: z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' }),
    status: z.string().meta({ enum: ['PENDING', 'RUNNING', 'COMPLETE', 'FAILED'] }),
    totalRecords: z.int(),
    recordsProcessed: z.int(),
    failureReason: z.string().optional().meta({ description: 'Why a FAILED batch failed' }),
  })
  .meta({
    description: 'The progress of the batch',
    examples: [
      { batchId: '91fdf69ef8134d8f94ed4ae4e4dbe648', created: 1571525194820, status: 'COMPLETE', totalRecords: 4, recordsProcessed: 4 },
    ],
  });
