import { listEntries, type AuditDeps } from '../modules/audit/index.ts';
import { PeopleRepository, type AccountsDeps } from '../modules/accounts/index.ts';
import { FileQueries, type ClientRequestsDeps } from '../modules/client-requests/index.ts';
import type { ReportsDeps } from '../modules/eligibility-reports/index.ts';
import type { ReverifyDeps } from '../modules/reverification/index.ts';
import { createConsoleModule } from '../modules/console/index.ts';
import { readDocument, verificationDocuments, type DocumentsDeps } from '../modules/documents/index.ts';
import {
  readReportPhoto,
  reportForReview,
  reportsAwaitingCount,
  reportsAwaitingReview,
  ReviewQueueRepository,
  reviewReport,
  type IdReportsDeps,
} from '../modules/id-reports/index.ts';
import type { ProgramsDeps } from '../modules/programs/index.ts';
import type { OrganizationsModule } from '../modules/organizations/index.ts';
import type { RostersModule } from '../modules/rosters/index.ts';
import type { Mailer } from '../platform/mail/index.ts';
import { ClaimsRepository, createReviewDeskModule, reviewNotes, type ReviewDeskDeps } from '../modules/review-desk/index.ts';
import { createVerificationExplorerModule } from '../modules/verification-explorer/index.ts';
import {
  ConsoleReadsRepository,
  decideReview,
  exploreVerifications,
  lateReviewCount,
  pendingReviewCounts,
  pendingReviews,
  reviewSubject,
  verificationDossier,
  type ConsoleReadDeps,
  type VerificationsDeps,
} from '../modules/verifications/index.ts';
import { EndpointHealth, subjectWebhooks, WebhooksRepository, type WebhooksDeps } from '../modules/webhooks/index.ts';
import { consoleReads } from './console-reads.ts';
import { consoleAccountModules } from './console-account.ts';
import { consoleBulkModules } from './console-bulk.ts';
import { consoleIntegrationsModules } from './console-integrations.ts';
import { consoleProgramsModules } from './console-programs.ts';
import { consoleClientFilesModules } from './console-client-files.ts';
import type { Database } from '../platform/db/index.ts';
import type { SecretBox } from '../platform/crypto/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { Clock } from '../shared/clock.ts';
import type { Ids } from '../shared/ids.ts';

/** The parts the console's review and explorer pages are built from (the container's, passed as they are). */
export interface ConsoleParts {
  db: Database;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  programs: ProgramsDeps;
  verifications: VerificationsDeps;
  documents: DocumentsDeps;
  /** The client-request modules' parts (the container's `idv`). */
  idReports: IdReportsDeps;
  audit: AuditDeps;
  accounts: AccountsDeps;
  /** The client-request modules' parts (files, requests, links, settings). */
  clientRequests: ClientRequestsDeps;
  reverify: ReverifyDeps;
  reports: ReportsDeps;
  webhooks: WebhooksDeps;
  /** Has the webhook dispatcher look for new deliveries now (a test ping, a replay). */
  wakeWebhooks: () => void;
  organizations: OrganizationsModule;
  rosters: RostersModule;
  mailer: Mailer;
  publicUrl: string;
}

/** The console's modules: sign-in and the shell (overview, search, people), the review workbench, the verifications explorer. */
export function consoleModules(parts: ConsoleParts): VouchModule[] {
  const { box, clock } = parts;
  const reads: ConsoleReadDeps = { ...parts.verifications, reads: new ConsoleReadsRepository(parts.db) };
  const reviewQueue = new ReviewQueueRepository(parts.db);
  const peopleRepo = new PeopleRepository(parts.db);
  const webhooks = { repo: new WebhooksRepository(parts.db) };

  // People named on the pages (who holds a claim, who decided): their email, from the accounts module's store.
  const people = async (accountId: string, userIds: string[]) => {
    const names = new Map<string, string>();
    for (const id of new Set(userIds)) {
      const person = await peopleRepo.findPerson(accountId, id);
      if (person) names.set(id, box.decrypt(person.email_enc));
    }
    return names;
  };
  const programs = (accountId: string) => parts.programs.repo.list(accountId);

  const desk: ReviewDeskDeps = {
    claims: new ClaimsRepository(parts.db),
    box,
    clock,
    people,
    programs: async (accountId) =>
      (await programs(accountId)).map((p) => ({
        id: p.id,
        name: p.name,
        testMode: p.testMode,
        maxReviewTime: p.config.maxReviewTime,
        maxAttempts: p.config.maxDocUploadAttempts,
      })),
    documentReviews: {
      page: (accountId, q) => pendingReviews(reads, accountId, q),
      counts: (accountId) => pendingReviewCounts(reads, accountId),
      late: (accountId, cutoffs) => lateReviewCount(reads, accountId, cutoffs),
      subject: (accountId, id) => reviewSubject(reads, accountId, id),
      decide: (accountId, verificationId, decision, decidedBy) =>
        decideReview(parts.verifications, { accountId, verificationId, decision, decidedBy }),
      read: (principal, vid, did, ip) => readDocument(parts.documents, principal, vid, did, ip),
    },
    idReports: {
      page: (accountId, q) => reportsAwaitingReview(reviewQueue, accountId, q),
      count: (accountId) => reportsAwaitingCount(reviewQueue, accountId),
      subject: (accountId, id) => reportForReview(parts.idReports, accountId, id),
      decide: (accountId, input) => reviewReport(parts.idReports, accountId, input),
      photo: (accountId, requestId, kind) => readReportPhoto(parts.idReports, accountId, requestId, kind),
    },
  };

  const shellReads = consoleReads({
    clock,
    desk,
    files: new FileQueries(parts.db),
    reports: reviewQueue,
    endpoints: new EndpointHealth(parts.db),
    verifications: parts.verifications,
  });
  return [
    createConsoleModule({ accounts: parts.accounts, reads: shellReads }),
    createReviewDeskModule(desk),
    createVerificationExplorerModule({
      clock,
      programs,
      list: (accountId, filter) => exploreVerifications(reads, accountId, filter),
      dossier: (accountId, id, withPerson) => verificationDossier(reads, accountId, id, withPerson),
      documents: (verificationId, attempts, withNames) => verificationDocuments(parts.documents, verificationId, attempts, withNames),
      webhooks: (accountId, verificationId) => subjectWebhooks(webhooks, accountId, verificationId),
      audit: async (accountId, subjectId) => (await listEntries(parts.audit, accountId, { subjectId, limit: 100 })).entries,
      notes: (accountId, verificationId) => reviewNotes(desk, accountId, 'document', verificationId),
      people,
    }),
    ...consoleBulkModules(parts),
    ...consoleIntegrationsModules(parts),
    ...consoleAccountModules(parts),
    ...consoleProgramsModules(parts),
    ...consoleClientFilesModules(parts),
  ];
}
