import type { Clock } from '../../../shared/clock.ts';
import type { FileListQueries } from '../infra/file-list-queries.ts';

/** A link as the client-request answers list it (its URL only in the answer that issued it). */
export interface LinkEntry {
  id: number;
  link: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** A request of a file as `casefile/details` shows it. */
export interface RequestEntry {
  clientRequestId: string;
  requesterClientRequestId: string | null;
  email: string;
  requestStatus: string;
  report: string | null;
  verificationReportExpiryDate: string | null;
  verificationReportExpiryWarningDate: string | null;
  links: LinkEntry[];
  firstName: string;
  lastName: string;
}

/** A file as the client-request answers show it. */
export interface FileView {
  requesterReferenceId: string;
  fileReferenceId: string;
  fileName: string;
  fileNumber: string;
  fileStatus: string | null;
  transactionKey: string;
  requests: RequestEntry[];
}

export interface FileEvent {
  eventId: number;
  message: string;
  timeStamp: string | null;
  clientRequestId: string | null;
}

/** A client's profile as stored. */
export interface ClientProfile {
  firstName: string;
  middleName: string | null;
  lastName: string;
  email: string;
  phoneNumber: string;
  dateOfBirth: string | null;
  language?: string | null;
}

/** `verification-details`: a request, its client and its links with what became of their mail. */
export interface RequestDetails {
  clientRequestId: string;
  requestStatus: string;
  requesterClientRequestId: string | null;
  fileReferenceId: string;
  replacedBy: string | null;
  bankingLoginRequired: boolean;
  profile: ClientProfile;
  links: (LinkEntry & { mailStatus: string | null })[];
}

/** A new link to deliver oneself (`get-link-info`). */
export interface IssuedLink extends LinkEntry {
  replacedLinkId: number | null;
}

/** What a reviewer weighs on one report (the id-reports module's `reportForReview`). */
export interface ReportSubject {
  request: { id: string; status: string; created: Date };
  file: { fileNumber: string; fileName: string; reference: string } | null;
  info: {
    reportNumber: string;
    identityAnalysisResult: string;
    fraudAnalysisResult: string;
    reviewStatusDate: string | null;
    verificationReportExpiryDate: string | null;
    reviewDecision: string | null;
    reviewDecisionDate: string | null;
    reviewDecisionReason: string | null;
    clientVerifiedUntil: string | null;
    sampleReport: boolean;
    recommendation: { value: string; reason: string | null } | null;
    clientInformation: {
      source: 'document' | 'entered';
      firstName: string | null;
      middleName: string | null;
      lastName: string | null;
      dateOfBirth: string | null;
      currentAddress: unknown;
    };
    checks: { name: string; result: string; reason: string; highRisk: boolean }[];
  };
  photos: { kind: string; mimeType: string; width: number | null; height: number | null; fileSize: number }[];
}

export interface Bytes {
  bytes: Buffer;
  mimeType: string;
  fileName: string;
}

/**
 * What the client file pages do, each through the client-requests and id-reports modules' own use cases
 * (wired in src/main), so a file made here is the one the API would make. Bodies are the API's own
 * (`create-verification-request`, `update-verification-request`, `review-report`, `generate-sample-report`),
 * checked with the API's schemas before the use case runs; a refusal is an AppError whose `details.errors`
 * lists the API's sentences.
 */
export interface FilesConsoleDeps {
  clock: Clock;
  queries: FileListQueries;
  testMode(accountId: string): Promise<boolean>;
  files: {
    create(accountId: string, body: unknown): Promise<FileView>;
    update(accountId: string, body: unknown): Promise<FileView>;
    details(accountId: string, fileId: string): Promise<FileView>;
    events(accountId: string, fileId: string): Promise<FileEvent[]>;
    end(accountId: string, fileId: string, how: 'Cancelled' | 'Closed'): Promise<unknown>;
  };
  requests: {
    details(accountId: string, requestId: string): Promise<RequestDetails>;
    reinitiate(accountId: string, requestId: string): Promise<FileView>;
    cancel(accountId: string, requestId: string): Promise<unknown>;
    link(accountId: string, requestId: string): Promise<IssuedLink>;
    sample(accountId: string, body: unknown): Promise<unknown>;
  };
  reports: {
    subject(accountId: string, requestId: string): Promise<ReportSubject>;
    pdf(accountId: string, requestId: string): Promise<Bytes>;
    photo(accountId: string, requestId: string, kind: string): Promise<Bytes>;
    review(accountId: string, body: unknown): Promise<unknown>;
  };
}
