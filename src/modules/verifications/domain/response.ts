import { MILITARY_STATUSES, PERSON_STEPS } from '../../eligibility-terms/index.ts';
import type { Verification } from './verification.ts';

/** A document of the current attempt, as the response lists it. */
export interface ResponseDocument {
  documentId: string;
  status: string;
  mimeType: string;
  fileSize: number;
  uploadUrl: string | null;
  errors: string[];
}

/** What the response of a verification needs from its program and its documents. */
export interface ResponseContext {
  publicUrl: string;
  redirectUrl: string | null;
  maxReviewTime: string;
  estimatedReviewTime: string;
  minAge: number | null;
  maxAge: number | null;
  /** Military statuses the program offers. */
  availableStatuses: string[];
  /** Documents of the attempt in progress (docUpload) or under review (pending). */
  documents: ResponseDocument[];
}

/** The path segment a step is submitted to (the licensed-professional step is posted under another name). */
export const stepPath = (step: string): string => PERSON_STEPS[step]?.pathAliases?.[0] ?? step;

export const verificationUrl = (publicUrl: string, id: string) => `${publicUrl}/rest/v2/verification/${id}`;

/**
 * The VerificationResponse for a verification's current state: the same JSON whether it answers a step
 * submission or a status GET, shaped as the seed's examples.
 */
export function presentResponse(v: Verification, ctx: ResponseContext): Record<string, unknown> {
  const base: Record<string, unknown> = {
    verificationId: v.id,
    currentStep: v.currentStep,
    errorIds: v.errorIds,
    segment: v.segment,
    subSegment: v.subSegment,
    locale: v.locale,
    country: v.country,
    created: v.created.getTime(),
    updated: v.updated.getTime(),
  };
  const url = verificationUrl(ctx.publicUrl, v.id);
  switch (v.currentStep) {
    case 'success':
      return { ...base, rewardCode: v.rewardCode, redirectUrl: ctx.redirectUrl };
    case 'error':
      return { ...base, systemErrorMessage: v.systemErrorMessage, redirectUrl: ctx.redirectUrl };
    case 'docUpload':
      // Once files are declared, the next submission says they are all uploaded.
      return docUploadResponse(v, ctx, base, `${url}/step/${ctx.documents.length > 0 ? 'completeDocUpload' : 'docUpload'}`);
    case 'pending':
      return {
        ...base,
        statusUrl: url,
        awaitingStep: 'docUpload',
        maxReviewTime: ctx.maxReviewTime,
        estimatedReviewTime: ctx.estimatedReviewTime,
        lastResponse: docUploadResponse(v, ctx, { ...base, currentStep: 'docUpload' }, `${url}/step/docUpload`),
      };
    case 'collectMilitaryStatus':
      return { ...base, submissionUrl: `${url}/step/collectMilitaryStatus`, availableStatuses: ctx.availableStatuses };
    case 'collectAgePersonalInfo':
      return {
        ...base,
        submissionUrl: `${url}/step/${stepPath(v.currentStep)}`,
        minAge: ctx.minAge,
        maxAge: ctx.maxAge,
        instantMatchAttempts: 0,
      };
    default:
      return { ...base, submissionUrl: `${url}/step/${stepPath(v.currentStep)}`, instantMatchAttempts: 0 };
  }
}

function docUploadResponse(v: Verification, ctx: ResponseContext, base: Record<string, unknown>, submissionUrl: string) {
  return {
    ...base,
    submissionUrl,
    rejectionReasons: v.rejections.at(-1) ?? [],
    maxReviewTime: ctx.maxReviewTime,
    estimatedReviewTime: ctx.estimatedReviewTime,
    documents: ctx.documents,
  };
}

export const ALL_MILITARY_STATUSES = Object.keys(MILITARY_STATUSES);
