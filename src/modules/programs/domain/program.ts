import { z } from 'zod';
import { ESTIMATED_REVIEW_TIMES, LOCALES, MAX_REVIEW_TIMES, SEGMENTS, SEGMENT_NAMES } from '../../eligibility-terms/index.ts';
import { normalizeDomain, ORGANIZATION_TYPES } from '../../organizations/index.ts';
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
    // The hosted form's colours: its buttons and links, and its page; the text on each is chosen for contrast.
    colors: z
      .strictObject({
        primary: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour such as #0b6bcb' })
          .default('#0b6bcb'),
        background: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour such as #f4f5f7' })
          .default('#f4f5f7'),
      })
      .default({ primary: '#0b6bcb', background: '#f4f5f7' }),
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
    // The sites (and their subdomains) whose pages may start verifications without a token, by the
    // request's Origin or Referer; empty: any site (SheerID's "Allowed Domains").
    allowedDomains: z
      .array(
        z
          .string()
          .max(253)
          .refine((d) => normalizeDomain(d) !== null, { error: 'must be a host name such as shop.example.com' }),
      )
      .max(50)
      .default([]),
    // A consolation offer: a person not approved (documents rejected at the last attempt, or the upload
    // abandoned) gets this code on the consolation step instead of an error.
    consolationRewardCode: z.string().min(1).max(200).nullable().default(null),
    // Codes whose holder may force approval (`resultOverride`): kept as SHA-256 digests, never shown again.
    overrideCodes: z.array(z.string().min(8).max(200)).max(100).default([]),
    maxOverrideAttempts: z.int().min(1).max(20).default(5),
    // The marketplace flow: a partner creates the verification with a token for the person (`/verification/marketplace`).
    marketplace: z.boolean().default(false),
    // Remember-Me: a person verified before is recognised by email and proves it with a mailed code.
    rememberMe: z.boolean().default(false),
    // The email loop: never; after every accepted person step; or when the email's domain is the organization's.
    emailLoop: z.enum(['off', 'always', 'domain']).default('off'),
    // Whether the person may skip the organization's sign-in for documents (DELETE .../step/sso).
    ssoCancellable: z.boolean().default(true),
    // The SMS loop: every accepted person step texts a code to the person's phone number (then required).
    smsLoop: z.boolean().default(false),
    // Whether the person may leave the email loop for documents (DELETE .../step/emailLoop).
    emailLoopCancellable: z.boolean().default(true),
    // Military programs: a person not matched at once is asked for their social security number before documents.
    collectSocialSecurityNumber: z.boolean().default(false),
    // The ID check: a person not matched at once reads their passport's or ID card's machine-readable zone,
    // which must agree with who they said they are, before documents (docs/id-check-loop.md).
    idCheckLoop: z.boolean().default(false),
    // The defenses against scripted abuse: disposable email domains, and how many attempts per day one
    // person, device, email address or IP address may make on the program (0: no limit).
    abuse: z
      .strictObject({
        refuseDisposableEmails: z.boolean().default(true),
        perPersonPerDay: z.int().min(0).max(10_000).default(5),
        perDevicePerDay: z.int().min(0).max(10_000).default(20),
        perEmailPerDay: z.int().min(0).max(10_000).default(5),
        perIpPerHour: z.int().min(0).max(100_000).default(100),
        refuseDuplicateDocuments: z.boolean().default(false),
      })
      .prefault({}),
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

/**
 * What a partner platform keeps on a program through the partner API (`/rest/oem`), in its config:
 * archived (no new verification), the offer as the partner describes it, its customer tags and the
 * partner's own names for the program. Absent on programs no partner touched.
 */
export interface PartnerSettings {
  archived: boolean;
  offerDescription: string;
  customerTags: string[];
  oemType: string | null;
  oemUniqueId: string | null;
}

export type ProgramConfig = Omit<ProgramInput, 'name' | 'segment' | 'testMode'> & Partial<PartnerSettings>;

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

/**
 * Whether a program accepts verifications at `now`: an archived one is inactive, as is one before its
 * start; after its end it is expired.
 */
export function availability(p: Program, now: Date): ProgramAvailability {
  if (p.config.archived) return 'inactive';
  if (p.config.startDate && now < new Date(p.config.startDate)) return 'inactive';
  if (p.config.endDate && now > new Date(p.config.endDate)) return 'expired';
  return 'active';
}
