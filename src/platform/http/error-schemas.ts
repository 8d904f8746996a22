import { z } from 'zod';

/**
 * The error bodies each dialect answers with (dialects.ts builds them), as response schemas: the OpenAPI
 * document shows them, and Fastify serializes an error with them. They are loose objects, so that a
 * property added to an error later is sent rather than dropped.
 */

/** RFC 9457 problem details, as the management API (`/manage/v1`) answers every error. */
export const ProblemDetails = z
  .looseObject({
    type: z.string().meta({ description: 'Always `about:blank`: `title` names the problem' }),
    title: z.string().meta({ description: 'The stable error code (`invalidRequest`, `notFound`, `unauthorizedRequest` ...)' }),
    status: z.int(),
    detail: z.string().meta({ description: 'What went wrong, in a sentence; for a refused body, its first finding' }),
    instance: z.string().meta({ description: 'The path of the request' }),
    issues: z
      .array(z.looseObject({ path: z.string().meta({ description: 'JSON pointer to the value' }), message: z.string() }))
      .optional()
      .meta({ description: "Every finding of the route's schema, when the request was refused by it" }),
  })
  .meta({
    description: 'Problem details (RFC 9457)',
    examples: [
      {
        type: 'about:blank',
        title: 'invalidRequest',
        status: 400,
        detail: 'Invalid request: eventTypes: Too small: expected array to have >=1 items',
        instance: '/manage/v1/webhooks',
        issues: [{ path: '/eventTypes', message: 'Too small: expected array to have >=1 items' }],
      },
    ],
  });

const problem = {
  description: 'An error, as problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: ProblemDetails } },
};

/** The error responses of a management route: every 4xx and 5xx is problem details. */
export const problemResponses = { '4xx': problem, '5xx': problem } as const;

/**
 * The eligibility dialect's error (SheerID's VerificationResponse in the `error` step): the errorId and
 * a sentence for the integrator, with the verification when the error concerns one.
 */
export const SheerIdError = z
  .looseObject({
    verificationId: z.string().nullable().meta({ description: 'The verification the error concerns, when there is one' }),
    currentStep: z.literal('error'),
    errorIds: z.array(z.string()).meta({ description: "One errorId; the program theme's `intl.messages.errorId` has its message" }),
    segment: z.string().nullable(),
    subSegment: z.string().nullable(),
    locale: z.string().optional(),
    country: z.string().optional(),
    systemErrorMessage: z.string().meta({ description: 'For the integrator, not for the person: what caused the error' }),
  })
  .meta({
    description: 'A non-recoverable error (`currentStep: error`)',
    examples: [
      {
        verificationId: '111111111111111111111111',
        currentStep: 'error',
        errorIds: ['invalidRequest'],
        segment: 'student',
        subSegment: null,
        locale: 'en-US',
        country: 'US',
        systemErrorMessage:
          "Unexpected property 'invalidKey', expected one of: firstName, lastName, email, birthDate, organization, phoneNumber, locale, ipAddress, ipAddressExtended, deviceFingerprintHash, metadata, externalUserId, email2",
      },
    ],
  });

/** The error responses of an eligibility route (`/rest/v2`): every 4xx and 5xx is a SheerIdError. */
export const eligibilityErrorResponses = { '4xx': SheerIdError, '5xx': SheerIdError } as const;

/** The OAuth2 token endpoint's error (RFC 6749 section 5.2). */
export const OAuthError = z
  .looseObject({
    error: z.string().meta({ description: '`invalid_request`, `invalid_client`, `unsupported_grant_type` ...' }),
    error_description: z.string(),
  })
  .meta({
    description: 'An OAuth2 error (RFC 6749 section 5.2)',
    examples: [{ error: 'invalid_client', error_description: 'Client authentication failed' }],
  });
