import { describe, expect, it } from 'vitest';
import {
  ALL_MILITARY_STATUSES,
  presentResponse,
  type ResponseContext,
  type ResponseDocument,
  stepPath,
  verificationUrl,
} from '../../src/modules/verifications/domain/response.ts';
import type { Verification } from '../../src/modules/verifications/domain/verification.ts';
import { aVerification } from '../support/verification.ts';

const ID = '62bf6bd5e61aee18c9783b10';
const VERIFICATION_URL = `https://vouch.example/rest/v2/verification/${ID}`;
const CREATED = new Date('2026-03-24T10:00:00.000Z');
const UPDATED = new Date('2026-03-24T10:05:00.123Z');

const verification = (changes: Partial<Verification>): Verification =>
  aVerification({ id: ID, segment: 'teacher', currentStep: 'collectTeacherPersonalInfo', created: CREATED, updated: UPDATED, ...changes });

const context = (changes: Partial<ResponseContext> = {}): ResponseContext => ({
  publicUrl: 'https://vouch.example',
  redirectUrl: 'https://shop.example/thanks',
  maxReviewTime: '20_MIN',
  estimatedReviewTime: 'A_FEW_MINUTES',
  minAge: null,
  maxAge: null,
  availableStatuses: ['ACTIVE_DUTY', 'VETERAN'],
  documents: [],
  emailLoop: { cancellable: true, maxSends: 5 },
  consolationRewardCode: null,
  ...changes,
});

/** The fields every response shares, for a verification on `step`. */
const base = (step: string, changes: Record<string, unknown> = {}) => ({
  verificationId: ID,
  currentStep: step,
  errorIds: [],
  segment: 'teacher',
  subSegment: null,
  locale: 'en-US',
  country: 'US',
  created: CREATED.getTime(),
  updated: UPDATED.getTime(),
  ...changes,
});

const doc = (documentId: string): ResponseDocument => ({
  documentId,
  status: 'PENDING',
  mimeType: 'image/png',
  fileSize: 1111,
  uploadUrl: `https://vouch.example/upload/${documentId}`,
  errors: [],
});

describe('collect steps', () => {
  it('give the submission URL of the step and no instant match attempts yet', () => {
    const v = verification({ currentStep: 'collectTeacherPersonalInfo', errorIds: ['invalidEmail'], subSegment: 'facultyK12' });
    expect(presentResponse(v, context())).toEqual({
      ...base('collectTeacherPersonalInfo', { errorIds: ['invalidEmail'], subSegment: 'facultyK12' }),
      submissionUrl: `${VERIFICATION_URL}/step/collectTeacherPersonalInfo`,
      instantMatchAttempts: 0,
    });
  });

  it('give the licensed-professional step its documented path name', () => {
    const v = verification({ segment: 'licensedProfessional', currentStep: 'collectLicensedProfessionalInfo' });
    expect(presentResponse(v, context())).toEqual({
      ...base('collectLicensedProfessionalInfo', { segment: 'licensedProfessional' }),
      submissionUrl: `${VERIFICATION_URL}/step/collectLicensedProfessionalPersonalInfo`,
      instantMatchAttempts: 0,
    });
  });

  it('give the age step the program’s age bounds', () => {
    const v = verification({ segment: 'age', currentStep: 'collectAgePersonalInfo' });
    expect(presentResponse(v, context({ minAge: 21, maxAge: 65 }))).toEqual({
      ...base('collectAgePersonalInfo', { segment: 'age' }),
      submissionUrl: `${VERIFICATION_URL}/step/collectAgePersonalInfo`,
      minAge: 21,
      maxAge: 65,
      instantMatchAttempts: 0,
    });
  });

  it('give the military status step the statuses the program offers', () => {
    const v = verification({ segment: 'military', currentStep: 'collectMilitaryStatus' });
    expect(presentResponse(v, context({ availableStatuses: ['VETERAN'] }))).toEqual({
      ...base('collectMilitaryStatus', { segment: 'military' }),
      submissionUrl: `${VERIFICATION_URL}/step/collectMilitaryStatus`,
      availableStatuses: ['VETERAN'],
    });
  });
});

describe('end steps', () => {
  it('success gives the reward code and the redirect VERIFICATION_URL, and no submission VERIFICATION_URL', () => {
    const v = verification({ currentStep: 'success', rewardCode: 'CODE-123' });
    expect(presentResponse(v, context())).toEqual({
      ...base('success'),
      rewardCode: 'CODE-123',
      redirectUrl: 'https://shop.example/thanks',
    });
  });

  it('error gives the errorIds and the system error message, with a null redirect VERIFICATION_URL when the program has none', () => {
    const v = verification({ currentStep: 'error', errorIds: ['simulatedError'], systemErrorMessage: 'Simulated error' });
    expect(presentResponse(v, context({ redirectUrl: null }))).toEqual({
      ...base('error', { errorIds: ['simulatedError'] }),
      systemErrorMessage: 'Simulated error',
      redirectUrl: null,
    });
  });
});

describe('document upload', () => {
  it('before files are declared, asks for them at docUpload', () => {
    const v = verification({ currentStep: 'docUpload' });
    expect(presentResponse(v, context())).toEqual({
      ...base('docUpload'),
      submissionUrl: `${VERIFICATION_URL}/step/docUpload`,
      rejectionReasons: [],
      maxReviewTime: '20_MIN',
      estimatedReviewTime: 'A_FEW_MINUTES',
      documents: [],
    });
  });

  it.each([1, 2])('once %i files are declared, lists them and asks for completeDocUpload', (count) => {
    const documents = [doc('d1'), doc('d2')].slice(0, count);
    const v = verification({ currentStep: 'docUpload' });
    expect(presentResponse(v, context({ documents }))).toEqual({
      ...base('docUpload'),
      submissionUrl: `${VERIFICATION_URL}/step/completeDocUpload`,
      rejectionReasons: [],
      maxReviewTime: '20_MIN',
      estimatedReviewTime: 'A_FEW_MINUTES',
      documents,
    });
  });

  it('after rejections, gives the reasons of the latest rejected batch only', () => {
    const v = verification({ currentStep: 'docUpload', docAttempts: 2, rejections: [['EXPIRED'], ['MISSING_NAME', 'ILLEGIBLE']] });
    expect(presentResponse(v, context())).toMatchObject({ rejectionReasons: ['MISSING_NAME', 'ILLEGIBLE'] });
  });
});

describe('pending review', () => {
  it('gives the status VERIFICATION_URL, the review times and the docUpload response it follows, as the seed shows', () => {
    const documents = [doc('d1')];
    const v = verification({ currentStep: 'pending', docAttempts: 1 });
    expect(presentResponse(v, context({ documents, maxReviewTime: '2_HRS', estimatedReviewTime: 'A_FEW_HOURS' }))).toEqual({
      ...base('pending'),
      statusUrl: VERIFICATION_URL,
      awaitingStep: 'docUpload',
      maxReviewTime: '2_HRS',
      estimatedReviewTime: 'A_FEW_HOURS',
      lastResponse: {
        ...base('docUpload'),
        submissionUrl: `${VERIFICATION_URL}/step/docUpload`,
        rejectionReasons: [],
        maxReviewTime: '2_HRS',
        estimatedReviewTime: 'A_FEW_HOURS',
        documents,
      },
    });
  });

  it('carries the previous rejection reasons in its last response', () => {
    const v = verification({ currentStep: 'pending', docAttempts: 2, rejections: [['EXPIRED']] });
    expect(presentResponse(v, context())).toMatchObject({ lastResponse: { rejectionReasons: ['EXPIRED'] } });
  });
});

describe('URLs and names', () => {
  it('builds the verification VERIFICATION_URL under the public VERIFICATION_URL', () => {
    expect(verificationUrl('https://vouch.example/base', 'abc')).toBe('https://vouch.example/base/rest/v2/verification/abc');
  });

  it.each([
    ['collectLicensedProfessionalInfo', 'collectLicensedProfessionalPersonalInfo'],
    ['collectStudentPersonalInfo', 'collectStudentPersonalInfo'],
    ['collectMilitaryStatus', 'collectMilitaryStatus'],
    ['docUpload', 'docUpload'],
    ['toString', 'toString'],
  ])('posts step %s at %s', (step, path) => {
    expect(stepPath(step)).toBe(path);
  });

  it('knows the six military statuses', () => {
    expect(ALL_MILITARY_STATUSES).toEqual([
      'ACTIVE_DUTY',
      'RESERVIST',
      'VETERAN',
      'MILITARY_RETIREE',
      'MILITARY_FAMILY',
      'GOLD_STAR_FAMILY',
    ]);
  });
});
