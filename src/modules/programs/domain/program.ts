import { z } from 'zod';
import { ESTIMATED_REVIEW_TIMES, LOCALES, MAX_REVIEW_TIMES, SEGMENTS, SEGMENT_NAMES } from '../../eligibility-terms/index.ts';
import { ORGANIZATION_TYPES } from '../../organizations/index.ts';
import { instant } from '../../../shared/dates.ts';
import { singleLineName } from '../../../shared/names.ts';
import { jsonBoundsProblem, type JsonBounds } from '../../../shared/json-bounds.ts';

const MESSAGES_BOUNDS: JsonBounds = { maxDepth: 8, maxStringLength: 10_000 };
const MESSAGES_MAX_CHARS = 256 * 1024;

export const OFFER_TYPES = ['staticCode', 'autogenCode', 'noCode', 'rewardPool'] as const;

/**
 * What an account may set on a program (the body of `program create --file` and of the management API).
 * Strict: an unknown key is an error, never silently dropped.
 */
export const ProgramInput = z
  .strictObject({
    name: singleLineName(200),
    segment: z.enum(SEGMENT_NAMES as [string, ...string[]]),
    subSegments: z.array(z.string()).max(20).optional(),
    testMode: z.boolean().default(true),
    offerType: z.enum(OFFER_TYPES).default('staticCode'),
    staticCode: z.string().min(1).max(200).optional(),
    redirectUrl: z.url().max(2000).nullable().optional(),
    requireBackendCreation: z.boolean().default(false),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .min(1)
      .max(300)
      .default(['US']),
    locales: z.array(z.enum(LOCALES)).min(1).default(['en-US']),
    minAge: z.int().min(0).max(150).optional(),
    maxAge: z.int().min(0).max(150).optional(),
    orgTypes: z.array(z.enum(ORGANIZATION_TYPES)).max(20).optional(),
    excludedOrganizationIds: z.array(z.int().nonnegative()).max(10_000).default([]),
    openOrgSearchEnabled: z.boolean().default(false),
    affiliations: z.array(singleLineName(60)).max(50).optional(),
    maxReviewTime: z.enum(MAX_REVIEW_TIMES).default('20_MIN'),
    estimatedReviewTime: z.enum(ESTIMATED_REVIEW_TIMES).default('A_FEW_MINUTES'),
    customCss: z.string().max(100_000).default(''),
    logoUrl: z.url().max(2000).nullable().default(null),
    privacyPolicyUrl: z.url().max(2000).nullable().default(null),
    // Messages per locale, nested as the theme's (errorId.invalidEmail ...): a few levels and bounded text,
    // so a program cannot store a value that breaks the theme for everyone who reads it.
    messages: z
      .record(z.string(), z.unknown())
      .default({})
      .superRefine((m, ctx) => {
        const problem =
          jsonBoundsProblem(m, MESSAGES_BOUNDS) ??
          (JSON.stringify(m).length > MESSAGES_MAX_CHARS ? `are longer than ${MESSAGES_MAX_CHARS} characters in all` : null);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    // Keys head report columns: names like any other.
    metadataKeys: z.array(singleLineName(100)).max(50).default([]),
    marketConsent: z.strictObject({ enabled: z.boolean(), required: z.boolean(), message: z.string().max(2000) }).optional(),
    maxDocUploadAttempts: z.int().min(1).max(10).default(3),
    maxFileSizeBytes: z.int().min(1).max(25_000_000).default(10_000_000),
    documentRetentionDays: z.int().min(0).max(365).default(0),
    startDate: instant.nullable().default(null),
    endDate: instant.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    const allowed = SEGMENTS[p.segment].subSegments;
    for (const s of p.subSegments ?? []) {
      if (!allowed.includes(s))
        ctx.addIssue({
          code: 'custom',
          path: ['subSegments'],
          message: `'${s}' is not a sub-segment of ${p.segment} (${allowed.join(', ') || 'none'})`,
        });
    }
    if (p.offerType === 'staticCode' && !p.staticCode)
      ctx.addIssue({ code: 'custom', path: ['staticCode'], message: 'staticCode is required when offerType is staticCode' });
    if (p.minAge !== undefined && p.maxAge !== undefined && p.minAge > p.maxAge)
      ctx.addIssue({ code: 'custom', path: ['maxAge'], message: 'maxAge must not be below minAge' });
  });
export type ProgramInput = z.output<typeof ProgramInput>;
export type ProgramConfig = Omit<ProgramInput, 'name' | 'segment' | 'testMode'>;

export interface Program {
  id: string;
  accountId: string;
  name: string;
  segment: string;
  testMode: boolean;
  config: ProgramConfig;
  created: Date;
}

/** The program's sub-segment when the program fixes one (identity: driverLicense or generalIdentity). */
export const fixedSubSegment = (p: Program): string | null => {
  const def = SEGMENTS[p.segment];
  if (p.segment === 'identity') return p.config.subSegments?.[0] ?? 'generalIdentity';
  if (p.segment === 'employment') return 'employee';
  return p.config.subSegments?.length === 1 && def.subSegments.length > 0 ? p.config.subSegments[0] : null;
};

/** Default age bounds: 18+ for age programs, 55+ for seniors. */
export const ageBounds = (p: Program): { minAge: number | null; maxAge: number | null } => ({
  minAge: p.config.minAge ?? (p.segment === 'senior' ? 55 : p.segment === 'age' ? 18 : null),
  maxAge: p.config.maxAge ?? null,
});

export type ProgramAvailability = 'active' | 'inactive' | 'expired';

/** Whether a program accepts verifications at `now`: before its start it is inactive, after its end expired. */
export function availability(p: Program, now: Date): ProgramAvailability {
  if (p.config.startDate && now < new Date(p.config.startDate)) return 'inactive';
  if (p.config.endDate && now > new Date(p.config.endDate)) return 'expired';
  return 'active';
}
