import { z } from 'zod';

// The programs module's answers. Their values are typed but not judged again: a program stored under
// earlier rules is still served as it is.

const epochMs = z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' });
const strings = z.array(z.string());

/** A program as the management API shows it: its definition and its id. */
export const ProgramResponse = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    segment: z.string(),
    testMode: z.boolean(),
    subSegments: strings.optional(),
    offerType: z.string().optional(),
    staticCode: z.string().optional(),
    redirectUrl: z.string().nullable().optional(),
    requireBackendCreation: z.boolean().optional(),
    countries: strings.optional(),
    locales: strings.optional(),
    minAge: z.number().optional(),
    maxAge: z.number().optional(),
    orgTypes: strings.optional(),
    excludedOrganizationIds: z.array(z.number()).optional(),
    openOrgSearchEnabled: z.boolean().optional(),
    affiliations: strings.optional(),
    maxReviewTime: z.string().optional(),
    estimatedReviewTime: z.string().optional(),
    customCss: z.string().optional(),
    logoUrl: z.string().nullable().optional(),
    privacyPolicyUrl: z.string().nullable().optional(),
    colors: z.looseObject({ primary: z.string(), background: z.string() }).optional(),
    messages: z.record(z.string(), z.unknown()).optional(),
    metadataKeys: strings.optional(),
    marketConsent: z.looseObject({ enabled: z.boolean(), required: z.boolean(), message: z.string() }).optional(),
    maxDocUploadAttempts: z.int().optional(),
    maxFileSizeBytes: z.int().optional(),
    documentRetentionDays: z.int().optional(),
    maxOverrideAttempts: z.int().optional(),
    overrideCodeCount: z.int().meta({ description: 'How many override codes the program holds (the codes are never shown)' }),
    marketplace: z.boolean().optional(),
    rememberMe: z.boolean().optional(),
    collectSocialSecurityNumber: z.boolean().optional(),
    idCheckLoop: z.boolean().optional(),
    emailLoop: z.string().optional(),
    emailLoopCancellable: z.boolean().optional(),
    smsLoop: z.boolean().optional(),
    consolationRewardCode: z.string().nullable().optional(),
    allowedDomains: strings.optional(),
    ssoCancellable: z.boolean().optional(),
    abuse: z.looseObject({}).optional(),
    startDate: z.string().nullable().optional(),
    endDate: z.string().nullable().optional(),
    created: epochMs,
  })
  .meta({
    description: 'The program',
    examples: [
      {
        id: '5d4a5d2a7b9ca962e0b6a901',
        name: 'Student discount',
        segment: 'student',
        testMode: true,
        offerType: 'staticCode',
        staticCode: 'STUDENT-10',
        requireBackendCreation: false,
        countries: ['US'],
        locales: ['en-US'],
        excludedOrganizationIds: [],
        openOrgSearchEnabled: false,
        maxReviewTime: '20_MIN',
        estimatedReviewTime: 'A_FEW_MINUTES',
        customCss: '',
        logoUrl: null,
        privacyPolicyUrl: null,
        messages: {},
        metadataKeys: [],
        maxDocUploadAttempts: 3,
        maxFileSizeBytes: 10000000,
        documentRetentionDays: 0,
        startDate: null,
        endDate: null,
        created: 1571525194820,
      },
    ],
  });

/** What an upload of reward codes added, and what the pool holds now. */
export const RewardCodesAdded = z
  .object({
    added: z.int().meta({ description: 'Codes new to the pool (a code already in it is not added twice)' }),
    remaining: z.int().meta({ description: 'Codes in the pool not yet given out' }),
  })
  .meta({ description: 'The pool after the upload', examples: [{ added: 2, remaining: 2 }] });

/** The text of a CSV upload, one value per line. */
export const csvText = (message: string, example: string) =>
  z.string({ error: message }).meta({ description: 'CSV text', examples: [example] });

/** SheerID's program theme: messages for the negotiated locale, the CSS, and what a form needs to render. */
export const Theme = z
  .looseObject({
    intl: z
      .looseObject({ locale: z.string(), messages: z.unknown().meta({ type: 'object' }) })
      .meta({ description: 'Messages for the locale, nested as SheerID’s (`errorId.invalidEmail`, `step.docUpload...`)' }),
    customCss: z.string(),
    logoUrl: z.string().nullable(),
    privacyPolicyUrl: z.string().nullable(),
    colors: z.object({ primary: z.string(), background: z.string() }).meta({ description: "The hosted form's colours (Vouch's own)" }),
    allowedDomains: strings.meta({
      description: 'The sites that may start verifications and embed the hosted form; empty: any (Vouch’s own)',
    }),
    isTestMode: z.boolean(),
    openOrgSearchEnabled: z.boolean(),
    docUploadEnabled: z.boolean(),
    emailLoopEnabled: z.boolean(),
    ssoEnabled: z.boolean(),
    smsLoopEnabled: z.boolean(),
    overrideEnabled: z.boolean(),
    remainingRewardCodes: z.int().nullable().meta({ description: 'Codes left in a live program’s pool; null otherwise' }),
    config: z.looseObject({
      countries: strings,
      locales: strings,
      maxReviewTime: z.string(),
      estimatedReviewTime: z.string(),
      orgSearchUrl: z.string().meta({ format: 'uri', description: 'Append the name searched for' }),
      orgTypes: strings,
      segment: z.string(),
      subSegments: strings,
      offerType: z.string(),
      minAge: z.number().nullable(),
      maxAge: z.number().nullable(),
    }),
  })
  .meta({ description: 'The program theme' });

/** Organizations a person of the program can pick. */
export const OrganizationMatches = z
  .array(z.object({ id: z.int(), name: z.string(), country: z.string().nullable(), type: z.string() }))
  .meta({
    description: 'Organizations whose name matches',
    examples: [[{ id: 1, name: 'Riverside College', country: 'US', type: 'UNIVERSITY' }]],
  });
