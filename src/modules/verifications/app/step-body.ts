import type { BodyRejection } from '../domain/person-validation.ts';

/**
 * A person step's body once its shape is checked: only the step's properties, each of its JSON type. A
 * null stands for an absent property. What the values say (formats, required fields, statuses) is still
 * the domain's to judge (`validatePerson`): those problems are answered with errorIds, the step kept.
 */
export interface PersonBody {
  organization?: { id?: unknown; name?: unknown; idExtended?: unknown; source?: unknown } | null;
  statuses?: string | string[] | null;
  marketConsent?: boolean | null;
  socialSecurityNumber?: number | string | null;
  metadata?: Record<string, unknown> | null;
  /** Every other property of a person body is a string. */
  [field: string]: unknown;
}

/** The military status step's body; an unknown status is answered with `invalidMilitaryStatus`. */
export interface MilitaryStatusBody {
  status?: string;
}

/** The ID check's body: the kind of document and its machine-readable zone, as read from it. */
export interface IdCheckBody {
  documentType?: string;
  mrz?: string;
}

/** One file a person says they will upload; its type and size are judged by the documents module. */
export interface FileDeclarationInput {
  fileName: string;
  mimeType: string;
  fileSize: number;
}

export type BodyRead<T> = { kind: 'ok'; value: T } | BodyRejection;

/**
 * The body of a step submission, read by the schema of the step it answers (the route's schemas,
 * http/step-bodies.ts). It is read once the verification is loaded and the step is known to be its
 * current one, so that a refused body names the verification, and a step out of order is answered as such.
 */
export interface StepBodyReader {
  person(step: string): BodyRead<PersonBody>;
  militaryStatus(): BodyRead<MilitaryStatusBody>;
  files(): BodyRead<FileDeclarationInput[]>;
  /** completeDocUpload: no body, `null` or `{}`. */
  empty(): BodyRead<null>;
  /** collectSocialSecurityNumber: the number as sent (9 digits; a string may hold dashes); undefined when left out. */
  ssn(): BodyRead<number | string | undefined>;
  /** idCheckLoop: the document's kind and zone; a missing or unreadable one is the use case's to judge. */
  idCheck(): BodyRead<IdCheckBody>;
  /** A step whose body is one string (`SECRET_STEPS`); undefined when it was left out. */
  secret(step: SecretStep): BodyRead<string | undefined>;
}

/** The steps whose body is one string property, and its name. */
export const SECRET_STEPS = {
  resultOverride: 'overrideCode',
  collectMarketplaceToken: 'verificationToken',
  collectIdentifier: 'email',
  completeAuthentication: 'authenticationToken',
  emailLoop: 'emailToken',
  smsLoop: 'smsCode',
} as const;
export type SecretStep = keyof typeof SECRET_STEPS;
