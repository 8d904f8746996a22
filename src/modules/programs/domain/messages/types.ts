/**
 * Shape of the user-facing texts a program theme carries in `intl.messages`. Every locale provides the full
 * tree; a program's custom texts are a partial tree merged over it (see `mergeMessages`).
 */
import type { ErrorId, ESTIMATED_REVIEW_TIMES, MAX_REVIEW_TIMES, RejectionReason } from '../../../eligibility-terms/index.ts';

export type ReviewTime = (typeof MAX_REVIEW_TIMES)[number] | (typeof ESTIMATED_REVIEW_TIMES)[number];

/** Form fields that have a label in the theme. */
export type FieldLabel =
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'birthDate'
  | 'organization'
  | 'postalCode'
  | 'country'
  | 'dischargeDate'
  | 'socialSecurityNumber'
  | 'address1'
  | 'city'
  | 'state'
  | 'statuses'
  | 'memberId'
  | 'phoneNumber'
  | 'driverLicenseNumber'
  | 'ebtCardNumber'
  | 'marketConsent';

export interface TitledStep {
  title: string;
  subtitle: string;
}

export interface ThemeMessages {
  /** Name shown for the business running the offer; other messages refer to it as `{companyName}`. */
  companyName: string;
  lowRewardPool: string;
  optIn: string;
  /** Human name of each segment, keyed by segment name (every entry of SEGMENT_NAMES). */
  segment: Record<string, string>;
  dateTime: Record<ReviewTime, string>;
  field: Record<FieldLabel, string>;
  step: {
    personalInfo: TitledStep & { submitButtonLabel: string };
    collectMilitaryStatus: TitledStep;
    docUpload: TitledStep & {
      acceptedTypes: string;
      submitButtonLabel: string;
      footer: string;
      rejectionReasons: Record<RejectionReason, string>;
    };
    pending: TitledStep;
    success: TitledStep & { redirectButtonText: string };
    consolation: TitledStep;
    emailLoop: TitledStep;
    sso: TitledStep & { login: string };
    error: TitledStep & { buttonText: string };
  };
  errorId: Record<ErrorId, string>;
}

/** A program's custom texts: any subset of the tree, at any depth. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
export type MessageOverrides = DeepPartial<ThemeMessages>;
