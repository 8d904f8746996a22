import type { Readable } from 'node:stream';
import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { parseCalendarDate, parseInstant } from '../../../shared/dates.ts';
import type { ReportRequest } from '../app/request-report.ts';

// The report bodies and answers. A finding's message is the sentence the dialect gives as
// `systemErrorMessage` (platform/http/dialects.ts).

const bound = (k: 'startDate' | 'endDate') => {
  const message = `${k} must be a date (YYYY-MM-DD) or a date-time with a time zone (2024-01-31T23:00:00Z)`;
  return z
    .string({ error: message })
    .refine((v) => parseCalendarDate(v) !== undefined || parseInstant(v) !== undefined, { error: message })
    .optional();
};
const PROGRAM_IDS = 'programIds must be an array of program ids';
const MODES = "verificationModeInclusion must be 'ALL', 'LIVE' or 'TEST'";

/** A column selection: the columns' headings as `GET /report/fields` names them. */
const fieldList = (name: string) =>
  z
    .array(
      z.string({ error: `${name} must be a list of column headings` }).max(200, { error: `${name}: a heading is at most 200 characters` }),
      {
        error: `${name} must be a list of column headings`,
      },
    )
    .max(200, { error: `${name} names at most 200 columns` })
    .optional();

/** `POST /rest/v2/report/verification`. */
export const ReportBody = strictBody({
  format: z.literal('CSV', { error: "format is required and must be 'CSV'" }),
  startDate: bound('startDate').meta({
    description: 'From this day (its first millisecond, UTC) or moment; default: 30 days before the end',
  }),
  endDate: bound('endDate').meta({ description: 'To this day (its last millisecond, UTC) or moment; default: the end of today' }),
  programIds: z
    .array(z.string({ error: PROGRAM_IDS }).regex(/^[0-9a-f]{24}$/, { error: PROGRAM_IDS }), { error: PROGRAM_IDS })
    .optional()
    .meta({ description: "Only these programs' verifications (default: every program of the account)" }),
  verificationModeInclusion: z.enum(['ALL', 'LIVE', 'TEST'], { error: MODES }).nullable().optional().meta({ description: 'Default LIVE' }),
  isPiiIncluded: z.boolean({ error: 'isPiiIncluded must be true or false' }).optional(),
  piiReason: z.string({ error: 'piiReason must be a string' }).max(1000, { error: 'piiReason must be at most 1000 characters' }).optional(),
  standardFields: fieldList('standardFields').meta({
    description: 'The standard columns to include, by their heading (`GET /report/fields`); with personFields, the only fixed columns',
  }),
  personFields: fieldList('personFields').meta({ description: "The person's columns to include, by their heading (scope PII)" }),
  metadataFields: fieldList('metadataFields').meta({ description: 'The metadata keys to include as columns (default: every key found)' }),
}).meta({
  examples: [{ format: 'CSV', startDate: '2024-01-01', endDate: '2024-01-31', verificationModeInclusion: 'ALL' }],
}) satisfies z.ZodType<ReportRequest>;

/** SheerID's ReportStatusResponse; an ERROR report also says why. */
export const ReportStatus = z
  .object({
    id: z.string(),
    status: z.string().meta({ enum: ['PENDING', 'COMPLETE', 'ERROR', 'DELETED'] }),
    statusUrl: z.string().meta({ format: 'uri' }),
    retrievalUrl: z.string().nullable().meta({ format: 'uri', description: 'Null until the report is COMPLETE' }),
    requester: z.string().meta({ description: 'The token that asked for the report' }),
    created: z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' }),
    failureReason: z.string().optional().meta({ description: 'Why an ERROR report failed' }),
  })
  .meta({
    description: 'The status of the report',
    examples: [
      {
        id: '5dab925358435a645cbe733c',
        status: 'PENDING',
        statusUrl: 'https://vouch.example.com/rest/v2/report/5dab925358435a645cbe733c/status',
        retrievalUrl: null,
        requester: '5c0d45b651cc4d31b7a222c2',
        created: 1571525203545,
      },
      {
        id: '5dab925358435a645cbe733c',
        status: 'COMPLETE',
        statusUrl: 'https://vouch.example.com/rest/v2/report/5dab925358435a645cbe733c/status',
        retrievalUrl: 'https://vouch.example.com/rest/v2/report/5dab925358435a645cbe733c',
        requester: '5c0d45b651cc4d31b7a222c2',
        created: 1571525203545,
      },
    ],
  });

/** The CSV of a report, streamed. */
export const ReportCsv = {
  description: 'The report as CSV (a header row, then one row per verification)',
  content: {
    'text/csv': {
      schema: z.custom<Readable>().meta({
        type: 'string',
        examples: [
          '"Request ID","Request Timestamp","Account ID","User ID","Username","Result","Status"\n"5d4a5eea2988eb627bb70001","2019-08-07 05:27:46","5c1c45b451cc4d30b7a132c2","5c1c45b451cc4d30b7a132c2","user@company.com","true","COMPLETE"\n',
        ],
      }),
    },
  },
};

const QUERY_PROGRAM_IDS = 'programIds must be program ids separated by commas';

/** `GET /rest/v2/report/fields?programIds=a,b`: the programs whose metadata keys are listed (default: all). */
export const ReportFieldsQuery = z.strictObject(
  {
    programIds: z
      .string({ error: QUERY_PROGRAM_IDS })
      .max(2500, { error: QUERY_PROGRAM_IDS })
      .regex(/^[0-9a-f]{24}(,[0-9a-f]{24})*$/, { error: QUERY_PROGRAM_IDS })
      .transform((v) => [...new Set(v.split(','))])
      .optional()
      .meta({ description: 'Program ids separated by commas', examples: ['5f1e0c7a9d3b2a1c0e4f6a8b'] }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Unexpected query parameter '${issue.keys[0]}', expected one of: programIds` : undefined,
  },
);

const ReportFieldEntry = z.strictObject({ name: z.string(), columnHeading: z.string(), description: z.string().optional() });

/** The answer of `GET /rest/v2/report/fields` (SheerID's shape). */
export const ReportFields = z
  .array(z.strictObject({ scope: z.enum(['STANDARD', 'PII', 'METADATA']), fields: z.array(ReportFieldEntry) }))
  .meta({
    description: 'The columns a verification report can hold, by scope; METADATA lists the keys found on recent verifications',
    examples: [
      [
        { scope: 'STANDARD', fields: [{ name: 'Request ID', columnHeading: 'Request ID', description: 'The verification id' }] },
        { scope: 'PII', fields: [{ name: 'EMAIL', columnHeading: 'EMAIL' }] },
        { scope: 'METADATA', fields: [{ name: 'marketConsentValue', columnHeading: 'marketConsentValue' }] },
      ],
    ],
  });
