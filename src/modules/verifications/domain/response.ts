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
  /** The program's consolation offer, shown on the consolation step. */
  consolationRewardCode: string | null;
  /** The email loop: whether the person may leave it for documents, and how many codes it may send. */
  emailLoop: { cancellable: boolean; maxSends: number };
}

/** The path segment a step is submitted to (the licensed-professional step is posted under another name). */
export const stepPath = (step: string): string => PERSON_STEPS[step]?.pathAliases?.[0] ?? step;

export const verificationUrl = (publicUrl: string, id: string) => `${publicUrl}/rest/v2/verification/${id}`;

/** What every VerificationResponse holds. */
interface ResponseBase {
  verificationId: string;
  currentStep: string;
  errorIds: string[];
  segment: string;
  subSegment: string | null;
  locale: string;
  country: string;
  created: number;
  updated: number;
}

/** What a docUpload answer adds (also the `lastResponse` of a pending one). */
export interface DocUploadFields {
  submissionUrl: string;
  rejectionReasons: string[];
  maxReviewTime: string;
  estimatedReviewTime: string;
  documents: ResponseDocument[];
}

/** SheerID's VerificationResponse: the base, and the properties of the current step. */
export type VerificationResponseBody = ResponseBase &
  Partial<DocUploadFields> & {
    instantMatchAttempts?: number;
    minAge?: number | null;
    maxAge?: number | null;
    availableStatuses?: string[];
    rewardCode?: string | null;
    redirectUrl?: string | null;
    systemErrorMessage?: string | null;
    errorDetailId?: string[];
    statusUrl?: string;
    awaitingStep?: 'docUpload';
    cancelUrl?: string;
    consolationRewardCode?: string | null;
    canResendEmailLoop?: boolean;
    retryUrl?: string;
    loginUrl?: string;
    lastResponse?: ResponseBase & DocUploadFields;
  };

/**
 * The VerificationResponse for a verification's current state: the same JSON whether it answers a step
 * submission or a status GET, shaped as the seed's examples.
 */
export function presentResponse(v: Verification, ctx: ResponseContext): VerificationResponseBody {
  const base: ResponseBase = {
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
      return {
        ...base,
        systemErrorMessage: v.systemErrorMessage,
        redirectUrl: ctx.redirectUrl,
        ...(v.errorDetailIds.length > 0 ? { errorDetailId: v.errorDetailIds } : {}),
      };
    case 'consolation':
      return { ...base, consolationRewardCode: ctx.consolationRewardCode, redirectUrl: ctx.redirectUrl };
    case 'docUpload':
      // Once files are declared, the next submission says they are all uploaded.
      return docUploadResponse(v, ctx, base, `${url}/step/${ctx.documents.length > 0 ? 'completeDocUpload' : 'docUpload'}`);
    case 'pending':
      return {
        ...base,
        statusUrl: url,
        awaitingStep: 'docUpload' as const,
        maxReviewTime: ctx.maxReviewTime,
        estimatedReviewTime: ctx.estimatedReviewTime,
        lastResponse: docUploadResponse(v, ctx, { ...base, currentStep: 'docUpload' }, `${url}/step/docUpload`),
      };
    case 'emailLoop':
      return {
        ...base,
        submissionUrl: `${url}/step/emailLoop`,
        ...(ctx.emailLoop.cancellable ? { cancelUrl: `${url}/step/emailLoop` } : {}),
        canResendEmailLoop: v.loopSends < ctx.emailLoop.maxSends,
      };
    case 'smsLoop':
      return { ...base, submissionUrl: `${url}/step/smsLoop`, retryUrl: `${url}/step/smsLoop/retry` };
    case 'sso':
      // The browser is sent to the organization's sign-in by a GET of loginUrl; a DELETE skips to documents.
      return { ...base, loginUrl: `${url}/step/sso`, cancelUrl: `${url}/step/sso` };
    case 'completeAuthentication':
    case 'collectSocialSecurityNumber':
    case 'idCheckLoop':
      // DELETE the same URL to leave Remember-Me for the usual steps, or to skip the number or the ID check for documents.
      return { ...base, submissionUrl: `${url}/step/${v.currentStep}`, cancelUrl: `${url}/step/${v.currentStep}` };
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

function docUploadResponse(
  v: Verification,
  ctx: ResponseContext,
  base: ResponseBase,
  submissionUrl: string,
): ResponseBase & DocUploadFields {
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
