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
  /** The hosted form's own texts (`/form/{programId}`), beside the steps' titles above. */
  form: FormMessages;
}

/** Every status a person step or the military status step offers (segments.ts), by its wire value. */
export type StatusLabel =
  | 'ACTIVE_DUTY'
  | 'RESERVIST'
  | 'VETERAN'
  | 'MILITARY_RETIREE'
  | 'MILITARY_FAMILY'
  | 'GOLD_STAR_FAMILY'
  | 'POLICE'
  | 'EMT'
  | 'FIREFIGHTER'
  | 'SEARCH_AND_RESCUE'
  | 'NURSE'
  | 'DOCTOR'
  | 'DENTIST'
  | 'PHARMACIST'
  | 'OTHER_HEALTH_WORKER'
  | 'LICENSED_COSMETOLOGIST'
  | 'LICENSED_REAL_ESTATE_AGENT'
  | 'VETERINARIAN'
  | 'CHILD_CARE_WORKER'
  | 'LIBRARIAN'
  | 'INTERIOR_DESIGNER'
  | 'ARCHITECT'
  | 'GENERAL_CONTRACTOR'
  | 'HOME_BUYER'
  | 'OTHER_MOVER'
  | 'SNAP_BENEFITS'
  | 'OTHER_GOVERNMENT_ASSISTANCE';

export interface FormMessages {
  /** The page's title in the browser tab. */
  pageTitle: string;
  testModeBanner: string;
  privacyPolicy: string;
  languageLabel: string;
  /** Beside an optional field's label. */
  optional: string;
  errorSummary: string;
  continue: string;
  loading: string;
  organizationHint: string;
  organizationNoResults: string;
  activeDutyStartDate: string;
  status: Record<StatusLabel, string>;
  upload: {
    choose: string;
    remove: string;
    /** `{fileName}`, `{percent}`. */
    progress: string;
    /** `{fileName}`, `{size}`. */
    tooLarge: string;
    /** `{fileName}`. */
    wrongType: string;
    /** `{max}`. */
    tooMany: string;
    none: string;
    /** `{fileName}`. */
    failed: string;
  };
  pendingChecking: string;
  rewardCodeLabel: string;
  copy: string;
  copied: string;
  consolationCodeLabel: string;
  startOver: string;
  /** The email and SMS loops' code field, and their resend buttons. */
  codeLabel: string;
  resendEmail: string;
  resendSms: string;
  /** Leaving a loop or the ID check for documents. */
  useDocumentsInstead: string;
  smsLoop: TitledStep;
  idCheckLoop: TitledStep & { documentType: string; passport: string; idCard: string; mrz: string; mrzHint: string };
  collectSocialSecurityNumber: TitledStep & { skip: string };
}

/** A program's custom texts: any subset of the tree, at any depth. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
export type MessageOverrides = DeepPartial<ThemeMessages>;
