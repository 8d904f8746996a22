import { z } from 'zod';
import { ACCEPTED_MIME_TYPES } from '../../documents/index.ts';
import { COMMON_FIELDS, MILITARY_STATUSES, PERSON_STEPS, type PersonStep } from '../../eligibility-terms/index.ts';
import { SECRET_STEPS, type MilitaryStatusBody, type SecretStep, type StepBodyReader } from '../app/step-body.ts';
import { MAX_FILES_PER_ATTEMPT } from '../app/document-steps.ts';
import { readBody } from './body-findings.ts';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { MetadataMap } from './bodies.ts';

// The bodies of the eligibility steps. A schema holds a body's shape: which properties a step takes and
// the JSON type of each. What the values say (a name with a letter, a birth date in the past, a known
// status, the required fields) is the domain's to judge (`validatePerson`), which answers with errorIds on
// the same step: so these schemas let every such value through, and the document shows what is expected.

const mustBe = (field: string, what: string) => `Property '${field}' must be ${what}`;
/** A person property: its JSON type checked, null read as absent (as the domain reads it). */
const str = (field: string) => z.string({ error: mustBe(field, 'a string') });

/** What the document says of each property, beyond its type (a value outside it is answered with an errorId). */
const DOC: Record<string, { description: string; format?: string; examples?: unknown[] }> = {
  firstName: { description: '1 to 100 characters with at least one letter (`invalidFirstName`)', examples: ['Randy'] },
  lastName: { description: '1 to 100 characters with at least one letter (`invalidLastName`)', examples: ['Random'] },
  email: { description: 'The person’s email address (`invalidEmail`)', format: 'email', examples: ['randy@example.com'] },
  birthDate: { description: 'YYYY-MM-DD, in the past (`invalidBirthDate`, `futureBirthDate`)', format: 'date', examples: ['2000-01-01'] },
  postalCode: { description: '`invalidPostalCode`', examples: ['97201'] },
  country: { description: 'ISO 3166 alpha-2 (`invalidCountry`)', examples: ['US'] },
  dischargeDate: { description: 'YYYY-MM-DD, in the past and after the birth date', format: 'date' },
  activeDutyStartDate: { description: 'YYYY-MM-DD', format: 'date' },
  address1: { description: '1 to 200 characters (`invalidAddress1`)' },
  city: { description: '1 to 100 characters (`invalidCity`)' },
  state: { description: 'A state or province, its code or name (`invalidState`)' },
  stateCode: { description: 'A state or province code (`invalidState`)' },
  memberId: { description: '1 to 64 characters (`invalidMemberId`)' },
  ebtCardNumber: { description: '16 to 19 digits (`invalidEbtCardNumber`)' },
  driverLicenseNumber: { description: 'Letters and digits (`invalidDriverLicenseNumber`)' },
  phoneNumber: { description: 'At least 10 digits (`invalidPhoneNumber`)', examples: ['+1 503 555 0100'] },
  locale: { description: 'Like `en-US`', examples: ['en-US'] },
  ipAddress: { description: 'The person’s IPv4 address, when the call does not come from their browser' },
  ipAddressExtended: { description: 'The person’s IPv4 or IPv6 address' },
  deviceFingerprintHash: { description: 'A fingerprint of the person’s device' },
  externalUserId: { description: "The integrator's id for the person" },
  email2: { description: 'A second email address', format: 'email' },
};

/** The organization the person belongs to; its values are judged by the domain (`invalidOrganization`). */
const Organization = strictBody(
  {
    id: z.unknown().optional().meta({ type: 'integer', minimum: 0, description: '0: a name the person typed (open search)' }),
    name: z.unknown().optional().meta({ type: 'string' }),
    idExtended: z.unknown().optional().meta({ type: 'string' }),
    source: z
      .unknown()
      .optional()
      .meta({ type: 'string', examples: ['EMPLOYER', 'PLACE'] }),
  },
  'organization',
  "Request body property 'organization' must be a JSON object",
).meta({ description: 'From the program’s organization search (`invalidOrganization`)', examples: [{ id: 1, name: 'Organization name' }] });

/** A status property: any string is let through (an unknown one is answered with the step's errorId); the document lists them. */
const statusesOf = (def: PersonStep) => (def.statuses ? { enum: Object.keys(def.statuses) } : {});

function personProperty(field: string, def: PersonStep): z.ZodType {
  switch (field) {
    case 'organization':
      return Organization;
    case 'statuses':
      return z
        .union([z.string().meta(statusesOf(def)), z.array(z.string().meta(statusesOf(def)))], {
          error: mustBe(field, 'an array of strings'),
        })
        .meta({ description: `The person's statuses (\`${def.statusErrorId ?? 'invalidStatus'}\`); one string reads as a list of one` });
    case 'status':
      return str(field).meta({ ...statusesOf(def), description: 'One status (the singular form of `statuses`)' });
    case 'marketConsent':
      return z.boolean({ error: mustBe(field, 'a boolean') });
    case 'socialSecurityNumber':
      return z.union([z.number(), z.string()], { error: mustBe(field, 'a number') }).meta({ description: '9 digits' });
    case 'metadata':
      return MetadataMap;
    default:
      return DOC[field] ? str(field).meta(DOC[field]) : str(field);
  }
}

/**
 * The body of a person step: the step's required and optional properties and the common ones, in the
 * order the dialect names them when an unknown one is sent. Every property may be left out as far as the
 * shape goes: a required one missing is answered with its errorId (`invalidFirstName` ...) on the same
 * step, as any other value, so the document names the required ones in words.
 */
export function personBody(def: PersonStep) {
  const fields = [...def.required, ...def.optional, ...COMMON_FIELDS];
  const shape = Object.fromEntries(fields.map((f) => [f, personProperty(f, def).nullable().optional()]));
  const required = `Required: ${def.required.join(', ')} (one missing is answered with its errorId on the same step).`;
  return strictBody(shape).meta({
    title: def.step,
    description:
      def.step === 'collectAgePersonalInfo'
        ? `Personal information for ${def.step}. ${required} postalCode is required in the US (the default country), phoneNumber elsewhere.`
        : `Personal information for ${def.step}. ${required}`,
  });
}

const PERSON_BODIES = new Map(Object.values(PERSON_STEPS).map((def) => [def.step, personBody(def)]));

/** collectMilitaryStatus: the status picks the sub-segment and the next step. */
export const MilitaryStatusSchema = strictBody({
  status: z
    .string({ error: mustBe('status', 'a string') })
    .optional()
    .meta({ enum: Object.keys(MILITARY_STATUSES), description: '`invalidMilitaryStatus` when the program does not offer it' }),
}).meta({
  title: 'collectMilitaryStatus',
  description: 'Required: status (none is answered with `invalidMilitaryStatus` on the same step).',
  examples: [{ status: 'VETERAN' }],
}) satisfies z.ZodType<MilitaryStatusBody>;

// docUpload: the files a person will upload, the seed's bare array or `{"files": [...]}`.
const fileIndex = (path: readonly PropertyKey[]) => Number(path.find((k) => typeof k === 'number') ?? 0) + 1;
const fileSentence = (what: string) => (issue: { path?: PropertyKey[] }) => `File ${fileIndex(issue.path ?? [])}: ${what}`;
const plainFileName = (v: string) => v.trim() !== '' && v.length <= 255 && !/[\u0000-\u001f\u007f/\\]/.test(v);
const FILE_NAME = fileSentence('fileName must be a plain file name of 1 to 255 characters');
const FILE_SIZE = fileSentence('fileSize must be an integer number of bytes');
const FILE_KEYS = ['fileName', 'mimeType', 'fileSize'];

const FileDeclaration = z
  .strictObject(
    {
      fileName: z
        .string({ error: FILE_NAME })
        .refine(plainFileName, { error: FILE_NAME })
        .meta({ examples: ['foo.jpg'] }),
      mimeType: z
        .string({ error: fileSentence('mimeType must be a string') })
        .meta({ description: 'Another type is answered per file (`unsupportedDocMimeType`)', enum: [...ACCEPTED_MIME_TYPES] }),
      fileSize: z.number({ error: FILE_SIZE }).refine(Number.isSafeInteger, { error: FILE_SIZE }).meta({
        type: 'integer',
        description: "Bytes; 0 or more than the program's maximum is answered per file (`invalidFileSizeEmpty`, `invalidFileSizeMax`)",
      }),
    },
    {
      error: (issue) => {
        const n = fileIndex(issue.path ?? []);
        if (issue.code === 'unrecognized_keys')
          return `Unexpected property '${issue.keys[0]}' in file ${n}, expected one of: ${FILE_KEYS.join(', ')}`;
        return issue.code === 'invalid_type' ? `File ${n} must be an object` : undefined;
      },
    },
  )
  .meta({ description: 'A file the person will upload' });

const NOT_A_FILE_LIST = 'Request body must be a JSON array of {fileName, mimeType, fileSize}, or {"files": [...]}';
const fileCount = (issue: { input?: unknown }) =>
  `Between 1 and ${MAX_FILES_PER_ATTEMPT} files may be uploaded at once, got ${Array.isArray(issue.input) ? issue.input.length : 0}`;
const FileList = z
  .array(FileDeclaration, { error: NOT_A_FILE_LIST })
  .min(1, { error: fileCount })
  .max(MAX_FILES_PER_ATTEMPT, { error: fileCount });
const WrappedFileList = strictBody({ files: FileList });

/** docUpload, as the document shows it. */
export const FileDeclarations = z.union([FileList, WrappedFileList]).meta({
  title: 'docUpload',
  description: `The files the person will upload (1 to ${MAX_FILES_PER_ATTEMPT}), each answered with its own upload URL; a number outside that is \`invalidNumberOfFiles\`.`,
  examples: [
    [
      { fileName: 'foo.jpg', mimeType: 'image/jpeg', fileSize: 1111 },
      { fileName: 'bar.png', mimeType: 'image/png', fileSize: 2222 },
    ],
  ],
});

/** completeDocUpload: sent once every declared file is uploaded, with an empty body. */
export const EmptyBody = z
  .strictObject({}, { error: () => 'completeDocUpload takes an empty body' })
  .nullable()
  .optional()
  .meta({ title: 'completeDocUpload', description: 'No body, or `{}`' });

/** collectSocialSecurityNumber: the number; one that is not 9 digits is answered with `invalidSocialSecurityNumber`. */
const SsnBody = strictBody({
  socialSecurityNumber: z
    .union([z.number(), z.string()], { error: mustBe('socialSecurityNumber', 'a number') })
    .nullable()
    .optional()
    .meta({ description: '9 digits (`invalidSocialSecurityNumber`)', examples: [123456789] }),
}).meta({ title: 'collectSocialSecurityNumber' });

/** idCheckLoop: the passport's or ID card's machine-readable zone, as the person's device read it. */
const IdCheckBodySchema = strictBody({
  documentType: z
    .string({ error: mustBe('documentType', 'a string') })
    .max(40)
    .optional()
    .meta({ description: '`passport` or `idCard`', examples: ['passport'] }),
  mrz: z
    .string({ error: mustBe('mrz', 'a string') })
    .max(300, { error: "Property 'mrz' must be at most 300 characters" })
    .optional()
    .meta({ description: 'The machine-readable zone, its lines separated by line feeds (TD1, TD2 or TD3)' }),
}).meta({ title: 'idCheckLoop' });

/** What the document says of each one-string body. */
const SECRET_DOC: Record<SecretStep, string> = {
  resultOverride: "One of the program's override codes: the verification succeeds (`invalidOverrideCode` otherwise)",
  collectMarketplaceToken: 'The token the marketplace start returned (`invalidVerificationToken`, `expiredVerificationToken`)',
  collectIdentifier: 'Remember-Me: the person’s email address (`invalidEmail`)',
  completeAuthentication: 'Remember-Me: the code mailed to the person (`invalidAuthenticationToken`)',
  emailLoop: 'The code mailed to the person (`invalidEmailLoopToken`, `expiredEmailLoopToken`)',
  smsLoop: 'The code texted to the person (`invalidSMSCode`, `expiredSMSCode`)',
};

/** The bodies of one string: resultOverride, collectMarketplaceToken and the Remember-Me steps. */
const SECRET_BODIES = Object.fromEntries(
  Object.entries(SECRET_STEPS).map(([step, field]) => [
    step,
    strictBody({
      [field]: z
        .string({ error: mustBe(field, 'a string') })
        .max(254, { error: `Property '${field}' must be at most 254 characters` })
        .nullable()
        .optional()
        .meta({ description: SECRET_DOC[step as SecretStep] }),
      // The loops also take the device's fingerprint, as the person steps do.
      ...(step === 'emailLoop' || step === 'smsLoop'
        ? {
            deviceFingerprintHash: z
              .string({ error: mustBe('deviceFingerprintHash', 'a string') })
              .max(200)
              .optional(),
          }
        : {}),
    }).meta({ title: step }),
  ]),
) as unknown as Record<SecretStep, z.ZodType<Record<string, string | null | undefined>>>;

/**
 * The reader of a step submission's body. A person body's first finding is the dialect's: an unknown
 * property first, then the properties in the order they were sent, the metadata last.
 */
export function stepBodyReader(body: unknown): StepBodyReader {
  const sent = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  const sentOrder = (key: string, depth: number) => (depth > 0 ? 0 : key === 'metadata' ? sent.length : sent.indexOf(key));
  return {
    person: (step) => readBody(PERSON_BODIES.get(step)!, body, { property: sentOrder }) as ReturnType<StepBodyReader['person']>,
    militaryStatus: () => readBody(MilitaryStatusSchema, body),
    files: () => {
      const read = readBody(isPlainObject(body) ? WrappedFileList : FileList, body, {
        errorId: (issue) => (issue.code === 'too_small' || issue.code === 'too_big' ? 'invalidNumberOfFiles' : undefined),
      });
      return read.kind === 'ok' ? { kind: 'ok', value: Array.isArray(read.value) ? read.value : read.value.files } : read;
    },
    empty: () => {
      const read = readBody(EmptyBody, body);
      return read.kind === 'ok' ? { kind: 'ok', value: null } : read;
    },
    ssn: () => {
      const read = readBody(SsnBody, body ?? {});
      return read.kind === 'ok' ? { kind: 'ok', value: read.value.socialSecurityNumber ?? undefined } : read;
    },
    idCheck: () => readBody(IdCheckBodySchema, body ?? {}),
    secret: (step) => {
      const read = readBody(SECRET_BODIES[step], body ?? {});
      return read.kind === 'ok' ? { kind: 'ok', value: read.value[SECRET_STEPS[step]] ?? undefined } : read;
    },
  };
}

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema as JSON Schema, for a document that shows several bodies of which the step picks one. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/**
 * The body of `POST /verification/{id}/step/{step}` as the document shows it: the body of each step. The
 * route lets any body through to the use case, which reads it with the schema of the verification's
 * current step once it is loaded (`stepBodyReader`).
 */
export const StepBodyDocument = z.unknown().meta({
  description: 'The body of the step named in the path: one of these, by `title`.',
  anyOf: [
    ...PERSON_BODIES.values(),
    MilitaryStatusSchema,
    FileDeclarations,
    EmptyBody,
    SsnBody,
    IdCheckBodySchema,
    ...Object.values(SECRET_BODIES),
  ].map(jsonSchemaOf),
});

/** The body of `POST /verification/program/{programId}/step/{step}`: a program's first step (a person step, or the military status). */
export const FirstStepBodyDocument = z.unknown().meta({
  description: "The body of the program's first step, named in the path: one of these, by `title`.",
  anyOf: [...PERSON_BODIES.values(), MilitaryStatusSchema].map(jsonSchemaOf),
});
