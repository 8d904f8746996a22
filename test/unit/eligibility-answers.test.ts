import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ProgramInput, type Program } from '../../src/modules/programs/domain/program.ts';
import { buildTheme } from '../../src/modules/programs/domain/theme.ts';
import { presentProgram } from '../../src/modules/programs/app/create-program.ts';
import { ProgramResponse, Theme } from '../../src/modules/programs/http/schemas.ts';
import { presentResponse, type ResponseContext } from '../../src/modules/verifications/domain/response.ts';
import { aVerification as verification } from '../support/verification.ts';
import { STEPS, VerificationResponse } from '../../src/modules/verifications/http/responses.ts';
import { presentEligibilityError, presentProblem } from '../../src/platform/http/dialects.ts';
import { ProblemDetails, SheerIdError } from '../../src/platform/http/error-schemas.ts';
import { AppError, CommonErrors } from '../../src/shared/errors.ts';

/**
 * Fastify serializes an answer with the route's response schema, which drops what the schema does not
 * name and refuses (a 500) what does not match it. Every answer the presenters make must pass whole.
 */
const passesWhole = (schema: z.ZodType, answer: unknown) => {
  const encoded = schema.safeEncode(answer as never);
  expect(encoded.error?.issues ?? []).toEqual([]);
  expect(JSON.parse(JSON.stringify(encoded.data))).toEqual(JSON.parse(JSON.stringify(answer)));
};

const context = (changes: Partial<ResponseContext> = {}): ResponseContext => ({
  publicUrl: 'https://vouch.example',
  redirectUrl: null,
  maxReviewTime: '20_MIN',
  estimatedReviewTime: 'A_FEW_MINUTES',
  minAge: 18,
  maxAge: null,
  availableStatuses: ['VETERAN'],
  documents: [],
  emailLoop: { cancellable: true, maxSends: 5 },
  consolationRewardCode: null,
  ...changes,
});

const declared = {
  documentId: 'c'.repeat(24),
  status: 'PENDING',
  mimeType: 'image/png',
  fileSize: 10,
  uploadUrl: 'https://u.example/1',
  errors: [],
};
const refused = {
  documentId: null as unknown as string,
  status: 'ERROR',
  mimeType: 'text/plain',
  fileSize: 0,
  uploadUrl: null,
  errors: ['ZERO_SIZE'],
};

describe('the eligibility answers pass their response schemas whole', () => {
  it.each(STEPS)('a verification on %s', (step) => {
    passesWhole(VerificationResponse, presentResponse(verification({ currentStep: step }), context()));
  });

  it('with documents, rejections, a reward, an error, recoverable errorIds', () => {
    const rejected = { rejections: [['DOCUMENT_EXPIRED']], docAttempts: 1 };
    passesWhole(
      VerificationResponse,
      presentResponse(verification({ currentStep: 'docUpload', ...rejected }), context({ documents: [declared, refused] })),
    );
    passesWhole(
      VerificationResponse,
      presentResponse(verification({ currentStep: 'pending', ...rejected }), context({ documents: [declared] })),
    );
    passesWhole(
      VerificationResponse,
      presentResponse(verification({ currentStep: 'success', rewardCode: 'CODE' }), context({ redirectUrl: 'https://shop.example' })),
    );
    passesWhole(
      VerificationResponse,
      presentResponse(verification({ currentStep: 'error', errorIds: ['simulatedError'], systemErrorMessage: 'x' }), context()),
    );
    passesWhole(VerificationResponse, { ...presentResponse(verification({}), context()), errorIds: ['invalidEmail'] });
  });

  it('the dialect errors, with and without a verification, and a schema finding', () => {
    let sent: unknown;
    const reply = {
      status: () => reply,
      type: () => reply,
      header: () => reply,
      send: (b: unknown) => (sent = b),
    } as unknown as FastifyReply;
    const req = { url: '/manage/v1/programs?x=1' } as FastifyRequest;
    const v = verification({});
    const errors = [
      new AppError('invalidStep', 400, 'not now', {
        verification: { verificationId: v.id, segment: v.segment, subSegment: v.subSegment, locale: v.locale, country: v.country },
      }),
      CommonErrors.invalidRequest('Invalid request: / x', {
        issues: [{ path: '/', message: "Unexpected property 'x'", code: 'unrecognized_keys' }],
      }),
      new AppError('internalServerError', 500, 'An unexpected error occurred'),
    ];
    for (const error of errors) {
      presentEligibilityError(error, req, reply);
      passesWhole(SheerIdError, sent);
      presentProblem(error, req, reply);
      passesWhole(ProblemDetails, sent);
    }
  });

  it('a program and its theme, every setting given', () => {
    const input = ProgramInput.parse({
      name: 'Every setting',
      segment: 'age',
      subSegments: [],
      testMode: false,
      offerType: 'rewardPool',
      redirectUrl: 'https://shop.example/thanks',
      requireBackendCreation: true,
      countries: ['US', 'CA'],
      locales: ['en-US', 'fr-CA'],
      minAge: 21,
      maxAge: 99,
      orgTypes: ['AGE_ID'],
      excludedOrganizationIds: [3],
      openOrgSearchEnabled: true,
      affiliations: ['Staff'],
      customCss: 'a{}',
      logoUrl: 'https://shop.example/logo.png',
      privacyPolicyUrl: 'https://shop.example/privacy',
      messages: { 'en-US': { companyName: 'Shop' } },
      metadataKeys: ['orderId'],
      marketConsent: { enabled: true, required: false, message: 'News?' },
      maxDocUploadAttempts: 2,
      maxFileSizeBytes: 1000,
      documentRetentionDays: 7,
      startDate: '2026-01-01T00:00:00Z',
      endDate: '2027-01-01T00:00:00Z',
    });
    const { name, segment, testMode, ...config } = input;
    const program: Program = { id: 'd'.repeat(24), accountId: 'a'.repeat(24), name, segment, testMode, config, created: new Date() };
    passesWhole(ProgramResponse, presentProgram(program));
    passesWhole(Theme, buildTheme(program, 'fr-CA', 'https://vouch.example', 12));
  });
});
