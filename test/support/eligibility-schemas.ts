import { Ajv, type AnySchema } from 'ajv';
import { expect } from 'vitest';

/**
 * The eligibility dialect's answers as JSON Schemas, written from SheerID's documented shapes (spec §2-§3)
 * rather than from the server's own schemas, so that a test holding an answer to one checks the contract,
 * not the implementation against itself.
 */

const ajv = new Ajv({ allErrors: true, strict: true });

const epochMs = { type: 'integer', minimum: 0 };
const hex24 = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const nullableString = { type: ['string', 'null'] };

/** What every VerificationResponse holds (the seed's examples, with Z24's created/updated). */
export const VERIFICATION_RESPONSE = {
  type: 'object',
  required: ['verificationId', 'currentStep', 'errorIds', 'segment', 'subSegment', 'locale', 'country', 'created', 'updated'],
  properties: {
    verificationId: hex24,
    currentStep: { type: 'string', minLength: 1 },
    errorIds: { type: 'array', items: { type: 'string' } },
    segment: { type: 'string' },
    subSegment: nullableString,
    locale: { type: 'string', pattern: '^[a-z]{2}-[A-Z]{2}$' },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    created: epochMs,
    updated: epochMs,
    submissionUrl: { type: 'string' },
    rewardCode: nullableString,
    systemErrorMessage: nullableString,
  },
};

/** A non-recoverable error (`currentStep: error`). */
export const ERROR_RESPONSE = {
  type: 'object',
  required: ['verificationId', 'currentStep', 'errorIds', 'segment', 'subSegment', 'systemErrorMessage'],
  properties: {
    verificationId: { anyOf: [hex24, { type: 'null' }] },
    currentStep: { const: 'error' },
    errorIds: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1 },
    segment: nullableString,
    subSegment: nullableString,
    systemErrorMessage: { type: 'string', minLength: 1 },
    // Finer reasons (spec §3.1, `errorDetailId[]`): present only where there are some.
    errorDetailId: { type: 'array', items: { enum: ['govIdMismatch', 'unableToVerify'] }, minItems: 1 },
  },
};

const CONFIRMED_SEGMENT = {
  type: 'object',
  required: ['segment', 'subSegment', 'organization', 'active', 'startDate', 'endDate'],
  additionalProperties: false,
  properties: {
    segment: { type: 'string' },
    subSegment: nullableString,
    organization: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: nullableString } },
      ],
    },
    active: { type: 'boolean' },
    startDate: nullableString,
    endDate: nullableString,
  },
};

/** VerificationDetails (spec §3.3), with what Vouch adds (metadata, labels, client info, step history). */
export const VERIFICATION_DETAILS = {
  type: 'object',
  required: [
    'created',
    'updated',
    'programId',
    'trackingId',
    'personId',
    'socialId',
    'lastResponse',
    'personInfo',
    'docUploadRejectionCount',
    'docUploadRejectionReasons',
    'confirmedSegments',
    'approvingVerificationTypes',
    'verificationMethod',
    'metadata',
    'labels',
  ],
  properties: {
    created: epochMs,
    updated: epochMs,
    programId: hex24,
    trackingId: nullableString,
    personId: { anyOf: [hex24, { type: 'null' }] },
    socialId: nullableString,
    lastResponse: VERIFICATION_RESPONSE,
    personInfo: { type: ['object', 'null'] },
    docUploadRejectionCount: { type: 'integer', minimum: 0 },
    docUploadRejectionReasons: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    confirmedSegments: { type: 'array', items: CONFIRMED_SEGMENT },
    approvingVerificationTypes: {
      type: 'array',
      items: {
        enum: ['authoritative', 'domainValidation', 'documentReview', 'emailLoop', 'honorSystem', 'other', 'predictive', 'smsLoop', 'sso'],
      },
    },
    verificationMethod: { enum: ['INSTANT', 'MANUAL', null] },
    metadata: { $ref: '#/definitions/metadata' },
    labels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'comment', 'labeledBy', 'created'],
        additionalProperties: false,
        properties: {
          label: { enum: ['suspectedFraud', 'confirmedFraud'] },
          comment: nullableString,
          labeledBy: { type: 'string' },
          created: epochMs,
        },
      },
    },
  },
  definitions: { metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 10_000 } } },
};

/** `GET|PUT .../metadata`: a map of strings of at most 10,000 characters. */
export const METADATA = { type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: 10_000 } };

/** `.../trackingId/{trackingId}/history`: up to 10 verification responses. */
export const HISTORY = { type: 'array', maxItems: 10, items: VERIFICATION_RESPONSE };

/** `GET /program/{programId}/possibleSteps`. */
export const POSSIBLE_STEPS = {
  type: 'object',
  required: ['steps'],
  additionalProperties: false,
  properties: { steps: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } } },
};

/** A variant of the VerificationResponse (spec §3.1): the common properties, its step, and what it adds. */
const variant = (step: string, required: string[], properties: Record<string, unknown> = {}) => ({
  allOf: [
    VERIFICATION_RESPONSE,
    {
      type: 'object',
      required: ['currentStep', ...required],
      properties: {
        currentStep: { const: step },
        ...Object.fromEntries(required.map((k) => [k, { type: 'string', minLength: 1 }])),
        ...properties,
      },
    },
  ],
});

/** SSO: `loginUrl` and `cancelUrl`. */
export const SSO_RESPONSE = variant('sso', ['loginUrl', 'cancelUrl']);
/** EmailLoop: `submissionUrl`, `cancelUrl?`, `canResendEmailLoop?`. */
export const EMAIL_LOOP_RESPONSE = variant('emailLoop', ['submissionUrl'], {
  cancelUrl: { type: 'string' },
  canResendEmailLoop: { type: 'boolean' },
});
/** SMSLoop: `submissionUrl`, `retryUrl`. */
export const SMS_LOOP_RESPONSE = variant('smsLoop', ['submissionUrl', 'retryUrl']);
/** Cancellable (SSN, Remember-Me, the ID check): `submissionUrl`, `cancelUrl`. */
export const CANCELLABLE_RESPONSE = (step: 'collectSocialSecurityNumber' | 'completeAuthentication' | 'idCheckLoop') =>
  variant(step, ['submissionUrl', 'cancelUrl']);
/** Success: `rewardCode`, `redirectUrl` (nullable). */
export const SUCCESS_RESPONSE = variant('success', [], {
  rewardCode: { type: ['string', 'null'] },
  redirectUrl: { type: ['string', 'null'] },
});

/** `GET .../rememberMeCallToAction`. */
export const REMEMBER_ME_CALL_TO_ACTION = {
  type: 'object',
  required: ['verificationId', 'alreadyRemembered', 'collectedInformation'],
  additionalProperties: false,
  properties: {
    verificationId: hex24,
    alreadyRemembered: { type: 'boolean' },
    collectedInformation: {
      type: 'object',
      required: ['collectedFields', 'organization'],
      additionalProperties: false,
      properties: {
        collectedFields: { type: 'array', items: { type: 'string' } },
        organization: {
          anyOf: [
            { type: 'null' },
            { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: nullableString } },
          ],
        },
      },
    },
  },
};

/** The answer of a purge: `{}`. */
export const EMPTY_OBJECT = { type: 'object', additionalProperties: false };

const compiled = new Map<AnySchema, ReturnType<Ajv['compile']>>();

/** Asserts `value` has the shape `schema` describes, naming every difference when it has not. */
export function expectShape(schema: AnySchema, value: unknown) {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const ok = validate(value);
  expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'), JSON.stringify(value).slice(0, 300)).toEqual([]);
}
