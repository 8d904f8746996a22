import { z } from 'zod';
import { ESTIMATED_REVIEW_TIMES, MAX_REVIEW_TIMES, MILITARY_STATUSES, PERSON_STEPS, SEGMENTS } from '../../eligibility-terms/index.ts';
import { FRAUD_LABELS } from '../domain/fraud-labels.ts';
import { VERIFICATION_TYPES } from '../domain/outcome.ts';
import { TERMINAL_STEPS } from '../domain/verification.ts';

// The eligibility dialect's answers, as response schemas: the OpenAPI document shows them, and Fastify
// serializes with them. Objects whose shape is the integrator's or the person's own (metadata, a person,
// a stored step answer) are loose, so that nothing a client got before is dropped.

/** Every step a verification can stand on: the first steps of the segments, the person steps, documents, and the end. */
export const STEPS = [
  ...new Set([
    ...Object.values(SEGMENTS).flatMap((s) => [null, ...s.subSegments].map((sub) => s.firstStep(sub))),
    'collectMilitaryStatus',
    ...Object.values(MILITARY_STATUSES).map((m) => m.step),
    ...Object.keys(PERSON_STEPS),
    'collectMarketplaceToken',
    'sso',
    'emailLoop',
    'smsLoop',
    'idCheckLoop',
    'collectSocialSecurityNumber',
    'consolation',
    'collectIdentifier',
    'completeAuthentication',
    'collectPersonalInfo',
    'docUpload',
    'pending',
    ...TERMINAL_STEPS,
  ]),
] as [string, ...string[]];

const epochMs = z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' });
const url = z.string().meta({ format: 'uri' });

/** A document of the attempt in progress, as docUpload and pending list it. */
export const ResponseDocument = z.object({
  documentId: z.string().nullable().meta({ description: 'Null for a file refused at declaration (see `errors`)' }),
  status: z.string().meta({ description: '`PENDING` until its bytes arrive, then `FINISHED`; `ERROR` for a refused file' }),
  mimeType: z.string(),
  fileSize: z.number(),
  uploadUrl: url.nullable().meta({ description: 'Where to PUT the bytes: shown once, when the file is declared' }),
  errors: z.array(z.string()).meta({ description: '`ZERO_SIZE`, `TOO_LARGE`, `UNSUPPORTED_TYPE` for a refused file' }),
});

const common = {
  verificationId: z.string().meta({ description: 'The id used for every later call' }),
  currentStep: z.enum(STEPS),
  errorIds: z
    .array(z.string())
    .meta({ description: 'Recoverable problems of the last submission (the step is kept); look their messages up in the theme' }),
  segment: z.string(),
  subSegment: z.string().nullable(),
  locale: z.string(),
  country: z.string(),
  created: epochMs,
  updated: epochMs,
};

/** What a docUpload answer adds (also the `lastResponse` of a pending one). */
const docUploadFields = {
  submissionUrl: url.optional().meta({ description: 'Where the current step is posted' }),
  rejectionReasons: z.array(z.string()).optional().meta({ description: "The last review's reasons, when documents were rejected" }),
  maxReviewTime: z
    .string()
    .optional()
    .meta({ enum: [...MAX_REVIEW_TIMES] }),
  estimatedReviewTime: z
    .string()
    .optional()
    .meta({ enum: [...ESTIMATED_REVIEW_TIMES] }),
  documents: z.array(ResponseDocument).optional(),
};

/**
 * SheerID's VerificationResponse: the same for a step's answer and a status GET. Which optional
 * properties are present depends on `currentStep`: `submissionUrl` on every step a person answers,
 * `rewardCode` on success, `systemErrorMessage` on error, `documents` on docUpload, `statusUrl` and
 * `lastResponse` on pending, `availableStatuses` on collectMilitaryStatus, `minAge`/`maxAge` on the age step.
 */
export const VerificationResponse = z
  .object({
    ...common,
    ...docUploadFields,
    instantMatchAttempts: z.int().optional(),
    minAge: z.int().nullable().optional(),
    maxAge: z.int().nullable().optional(),
    availableStatuses: z.array(z.string()).optional().meta({ description: 'The military statuses the program offers' }),
    rewardCode: z.string().nullable().optional(),
    redirectUrl: url.nullable().optional(),
    systemErrorMessage: z.string().nullable().optional(),
    errorDetailId: z
      .array(z.string())
      .optional()
      .meta({ description: 'Error: finer reasons, when there are (a failed ID check: `govIdMismatch`, `unableToVerify`)' }),
    statusUrl: url.optional().meta({ description: 'Polled while the documents are reviewed' }),
    awaitingStep: z.literal('docUpload').optional(),
    cancelUrl: url.optional().meta({
      description: 'DELETE it to leave the step (Remember-Me authentication, single sign-on, the social security number, the ID check)',
    }),
    canResendEmailLoop: z.boolean().optional().meta({ description: 'Email loop: whether another code may be sent (GET emailLoop/retry)' }),
    consolationRewardCode: z.string().nullable().optional().meta({ description: 'Consolation: the offer for a person not approved' }),
    retryUrl: url.optional().meta({ description: 'SMS loop: GET it to text a new code' }),
    loginUrl: url.optional().meta({ description: "Single sign-on: send the person's browser here (307 to the organization's sign-in)" }),
    verificationToken: z
      .string()
      .optional()
      .meta({ description: 'Marketplace start only: the token the person gives back in `collectMarketplaceToken` (shown once)' }),
    consumerInfoState: z
      .enum(['consumerNotFound', 'consumerFoundNewFieldsAvailable', 'consumerFoundNotActionable'])
      .optional()
      .meta({ description: 'Remember-Me: whether the person was known to the program’s account' }),
    lastResponse: z
      .object({ ...common, ...docUploadFields })
      .optional()
      .meta({ description: 'The docUpload answer the documents under review were sent from' }),
  })
  .meta({
    description: 'The verification in its current step',
    examples: [
      {
        verificationId: '111111111111111111111111',
        currentStep: 'collectStudentPersonalInfo',
        errorIds: [],
        segment: 'student',
        subSegment: null,
        locale: 'en-US',
        country: 'US',
        created: 1571525194820,
        updated: 1571525194820,
        submissionUrl: 'https://vouch.example.com/rest/v2/verification/111111111111111111111111/step/collectStudentPersonalInfo',
        instantMatchAttempts: 0,
      },
      {
        verificationId: '111111111111111111111111',
        currentStep: 'success',
        errorIds: [],
        segment: 'student',
        subSegment: null,
        locale: 'en-US',
        country: 'US',
        created: 1571525194820,
        updated: 1571525203545,
        rewardCode: 'REWARD',
        redirectUrl: null,
      },
      {
        verificationId: '111111111111111111111111',
        currentStep: 'collectStudentPersonalInfo',
        errorIds: ['invalidBirthDate', 'invalidEmail'],
        segment: 'student',
        subSegment: null,
        locale: 'en-US',
        country: 'US',
        created: 1571525194820,
        updated: 1571525194820,
        submissionUrl: 'https://vouch.example.com/rest/v2/verification/111111111111111111111111/step/collectStudentPersonalInfo',
        instantMatchAttempts: 0,
      },
      {
        verificationId: '5c70719d2145e32d7d37af8e',
        currentStep: 'docUpload',
        errorIds: [],
        segment: 'student',
        subSegment: null,
        locale: 'en-US',
        country: 'US',
        created: 1571525194820,
        updated: 1571525203545,
        submissionUrl: 'https://vouch.example.com/rest/v2/verification/5c70719d2145e32d7d37af8e/step/completeDocUpload',
        rejectionReasons: [],
        maxReviewTime: '20_MIN',
        estimatedReviewTime: 'A_FEW_MINUTES',
        documents: [
          {
            documentId: '5c70719d2145e32d7d37af90',
            status: 'PENDING',
            mimeType: 'image/jpeg',
            fileSize: 1111,
            uploadUrl: 'https://vouch.example.com/rest/v2/document/upload/vup_1111',
            errors: [],
          },
        ],
      },
    ],
  });

/** A segment a successful verification confirmed. */
const ConfirmedSegment = z.object({
  segment: z.string(),
  subSegment: z.string().nullable(),
  organization: z
    .object({ id: z.number(), name: z.string().nullable() })
    .nullable()
    .meta({ description: 'Where the person was confirmed; null for segments without an organization' }),
  active: z.boolean(),
  startDate: z.string().nullable().meta({ description: 'Start of the affiliation when a source states it (null: not known)' }),
  endDate: z.string().nullable().meta({ description: 'End of the affiliation when a source states it (null: not known)' }),
});

/** `GET /verification/{id}/details`: everything recorded about a verification, for its own account. */
export const VerificationDetails = z
  .looseObject({
    created: epochMs,
    updated: epochMs,
    programId: z.string(),
    trackingId: z.string().nullable(),
    personId: z.string().nullable().meta({ description: 'The same for the same first name, last name and birth date' }),
    lastResponse: VerificationResponse,
    personInfo: z
      .looseObject({ metadata: z.record(z.string(), z.unknown()).optional(), organization: z.unknown().optional() })
      .nullable()
      .meta({ description: 'The person as submitted (null before any person step)' }),
    metadata: z.record(z.string(), z.unknown()),
    docUploadRejectionCount: z.int(),
    docUploadRejectionReasons: z.array(z.array(z.string())).meta({ description: 'The reasons of each rejected batch, oldest first' }),
    confirmedSegments: z.array(ConfirmedSegment).meta({
      description:
        'What the person was confirmed as: one entry once the verification succeeds, none before. Read `confirmedSegments[0].segment`.',
    }),
    approvingVerificationTypes: z.array(z.enum(VERIFICATION_TYPES)).meta({
      description:
        '`documentReview` after documents, `authoritative` for an instant match (roster and directory, or a test program), `honorSystem` for a live age or senior program (the birth date alone); none before success',
    }),
    verificationMethod: z
      .enum(['MANUAL', 'INSTANT'])
      .nullable()
      .meta({ description: '`INSTANT` when the person step matched, `MANUAL` after document review; null until success' }),
    socialId: z.string().nullable().meta({ description: 'Always null: Vouch does not verify through social networks' }),
    testMode: z.boolean(),
    clientInfo: z.looseObject({ ipAddress: z.string().nullable(), userAgent: z.string().nullable() }),
    labels: z
      .array(
        z.object({
          label: z.enum(FRAUD_LABELS),
          comment: z.string().nullable().meta({ description: 'Null when none was given, or once the person data was purged' }),
          labeledBy: z.string().meta({ description: 'The id of the token that set it' }),
          created: epochMs,
        }),
      )
      .meta({ description: 'Fraud labels the account set (`POST .../label/{label}`), oldest first' }),
    stepHistory: z
      .array(z.looseObject({ step: z.string(), created: epochMs, response: z.unknown() }))
      .meta({ description: 'Every step answered, oldest first, with the answer given then' }),
  })
  .meta({ description: 'Everything recorded about the verification' });

/** A document awaiting review: metadata, content flags and fraud signals (never the bytes). */
const ReviewDocument = z.looseObject({
  documentId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  fileSize: z.number(),
  sha256: z.string().nullable(),
  uploaded: epochMs.nullable(),
  flags: z.array(z.string()).meta({
    description:
      'What a reviewer should know: a PDF that runs JavaScript, a file made with an editor or generator or just before the upload, an implausible page size, the same document or picture used for another person',
  }),
  signals: z
    .object({
      editedWith: z.array(z.string()).optional().meta({ description: 'The editors or generators named in the file (from a fixed list)' }),
      minutesBeforeUpload: z.int().optional().meta({ description: 'How long before the upload the file says it was made' }),
      implausiblePageSizes: z.array(z.object({ width: z.number(), height: z.number() })).optional(),
    })
    .optional(),
  reading: z
    .object({
      check: z.object({ name: z.string(), result: z.enum(['pass', 'fail', 'not-run']), reason: z.string(), highRisk: z.boolean() }),
      source: z.enum(['ocr', 'pdf-text']).nullable(),
      score: z.number().nullable(),
      evidence: z.array(
        z.object({ part: z.enum(['name', 'organization']), word: z.string(), line: z.int().nullable(), read: z.string().nullable() }),
      ),
      dates: z.array(z.object({ text: z.string(), date: z.string(), line: z.int() })),
    })
    .nullable()
    .optional()
    .meta({
      description:
        "The document's own text read against the person (the `documentText` check, each word of the name and organization with the line it was found on); null until read, or when documents are not read",
    }),
  fraudSignals: z.looseObject({
    sameFileOtherPeople: z.int(),
    sameFileOtherAccounts: z.int(),
    uploadsFromSameIpLastHour: z.int(),
    sameDocumentElsewhere: z
      .array(
        z.looseObject({
          verificationId: z.string(),
          documentId: z.string(),
          kind: z.enum(['DUPLICATE_DOCUMENT', 'NEAR_DUPLICATE_IMAGE']),
          distance: z.int().optional(),
        }),
      )
      .optional()
      .meta({ description: "The account's other verifications, of other people, with the same document or a near-identical picture" }),
  }),
});

/** `GET /review/queue`: pending verifications, oldest first. */
export const ReviewQueue = z
  .array(
    z.looseObject({
      verificationId: z.string(),
      programId: z.string(),
      segment: z.string(),
      subSegment: z.string().nullable(),
      pendingSince: epochMs.nullable(),
      attempt: z.int(),
      previousRejections: z.array(z.array(z.string())),
      testMode: z.boolean(),
      person: z.looseObject({}).nullable().meta({ description: 'The person as submitted' }),
      organization: z.looseObject({ id: z.number(), name: z.string().nullable() }).nullable(),
      documents: z.array(ReviewDocument),
    }),
  )
  .meta({ description: 'Verifications awaiting review, oldest first' });

/** The metadata of a verification, each value as the text it is kept as. */
export const MetadataAnswer = z.record(z.string(), z.string()).meta({
  description: 'The metadata as stored: every value is text (a boolean sent as `false` reads "false")',
  examples: [{ marketConsentValue: 'false', refererUrl: 'https://shop.example.com/offer' }],
});

/** `GET .../trackingId/{trackingId}/history`: the most recent verifications for the tracking id, newest first. */
export const TrackingIdHistory = z
  .array(VerificationResponse)
  .max(10)
  .meta({ description: 'Up to 10 verifications for the tracking id, newest first, each in its current step (none: an empty list)' });

/** `GET /program/{programId}/possibleSteps`. */
export const PossibleSteps = z.object({ steps: z.array(z.enum(STEPS)) }).meta({
  description: 'Every step a verification of the program can stand on, in the order a flow meets them',
  examples: [{ steps: ['collectStudentPersonalInfo', 'docUpload', 'pending', 'success', 'error'] }],
});

/** An empty object, as SheerID answers a purge. */
export const EmptyAnswer = z.strictObject({}).meta({ description: 'Done', examples: [{}] });

/** No body: a label is kept. */
export const NoContent = z.null().meta({ description: 'Labelled; no body' });
