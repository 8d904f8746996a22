import path from 'node:path';
import { openBlobStore } from '../platform/blobs/index.ts';
import { REQUEST_BACKSTOP_MS } from '../platform/http/timeouts.ts';
import { claimKeyCheck, createSecretBox, loadSecretKey, removeCreatedKeyFile, type SecretBox } from '../platform/crypto/index.ts';
import { migrate, openStore, type Store } from '../platform/db/index.ts';
import { createPgBossQueue, type JobQueue } from '../platform/jobs/index.ts';
import { createMailer, type Mailer } from '../platform/mail/index.ts';
import { createSmsSender, type SmsSender } from '../platform/sms/index.ts';
import { createMetrics, type Metrics } from '../platform/http/metrics.ts';
import { jobCounts } from '../platform/jobs/index.ts';
import { AuditRepository, AuditWriter, createAuditModule, recordEvent, type AuditDeps } from '../modules/audit/index.ts';
import { CaptureRepository, createCaptureModule } from '../modules/capture/index.ts';
import { ClientRequestsRepository, createClientRequestsModule, type ClientRequestsDeps } from '../modules/client-requests/index.ts';
import { createDocumentReader } from '../modules/document-reading/index.ts';
import { createIdReportsModule, IdReportsRepository, submitCapture, type IdReportsDeps } from '../modules/id-reports/index.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { randomIds, type Ids } from '../shared/ids.ts';
import {
  AccountsRepository,
  authenticate,
  createAccountsModule,
  exchangeClientCredentials,
  PeopleRepository,
  resolveSession,
  type AccountsDeps,
} from '../modules/accounts/index.ts';
import type { CookieSessionOptions } from '../platform/http/cookie-sessions.ts';
import { consoleModules } from './console-modules.ts';
import {
  attemptDocuments,
  attemptFileNames,
  checkDeclaration,
  createDocumentsModule,
  declareDocuments,
  DocumentsRepository,
  partialFileMaxAgeMs,
  purgeDueDocuments,
  readDocument,
  receiveUpload,
  reviewInfo,
  schedulePurge,
  type DocumentsDeps,
  queueAttemptReading,
  type UploadLeaseRules,
} from '../modules/documents/index.ts';
import { createAddSchoolModule } from '../modules/add-school/index.ts';
import { createOrganizationsModule } from '../modules/organizations/index.ts';
import { createPartnerApiModule } from '../modules/partner-api/index.ts';
import { createAbuseModule } from '../modules/abuse/index.ts';
import { createSsoModule, type SsoModule } from '../modules/sso/index.ts';
import { createHostedFormModule } from '../modules/hosted-form/index.ts';
import { createProgramLinksModule, SendLinkCountsRepository } from '../modules/program-links/index.ts';
import { createProgramsModule, defaultMessages, loadProgram, ProgramsRepository, type ProgramsDeps } from '../modules/programs/index.ts';
import { createReportsModule, PREPARE_REPORT_JOB, ReportsRepository, type ReportsDeps } from '../modules/eligibility-reports/index.ts';
import { BatchesRepository, createReverificationModule, type ReverifyDeps } from '../modules/reverification/index.ts';
import { createRostersModule, type RostersModule } from '../modules/rosters/index.ts';
import {
  createVerificationsModule,
  organizationOfVerification,
  prepareReverifications,
  storeReverifications,
  ConsumersRepository,
  ConversionsRepository,
  finishSignIn,
  SearchRepository,
  VerificationLimitsRepository,
  VerificationsRepository,
  type VerificationsDeps,
} from '../modules/verifications/index.ts';
import {
  createDispatcher,
  createOutbox,
  createWebhooksModule,
  WebhooksRepository,
  type Dispatcher,
  type EventOutbox,
  type WebhooksDeps,
} from '../modules/webhooks/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { Config } from './config.ts';
import { linkMailOptions } from './link-mail-options.ts';
import { keySource, wrongKeyMessage } from './start-up-checks.ts';

/** Every concrete part of a running Vouch, wired once. */
export interface Container {
  config: Config;
  store: Store;
  clock: Clock;
  ids: Ids;
  box: SecretBox;
  accounts: AccountsDeps;
  programs: ProgramsDeps;
  organizations: ReturnType<typeof createOrganizationsModule>;
  rosters: RostersModule;
  verifications: VerificationsDeps;
  documents: DocumentsDeps;
  /** Single sign-on bindings (the CLI's `vouch sso`). */
  sso: SsoModule;
  jobs: JobQueue;
  reverify: ReverifyDeps;
  reports: ReportsDeps;
  /** The client-request modules' parts, in one object: client-requests, capture and id-reports each read theirs. */
  idv: ClientRequestsDeps & IdReportsDeps;
  mailer: Mailer;
  /** Text messages: Twilio with SMS_URL, else files under DATA_DIR/outbox-sms. */
  sms: SmsSender;
  /** Webhooks: the outbox modules emit into, and the dispatcher that delivers it (started by `serve`). */
  webhooks: { deps: WebhooksDeps; outbox: EventOutbox; dispatcher: Dispatcher };
  /** Prometheus metrics of this process; other parts increment theirs (e.g. `metrics.webhookDeliveries`). */
  metrics: Metrics;
  audit: AuditDeps;
  /** Every module's routes, background work and sweeps, in the order the routes are registered (and documented). */
  modules: VouchModule[];
  /** Where `box`'s key came from (`SECRET_KEY` or the key file), for messages; never the key. */
  keySource: string;
  authenticate: (bearer: string, clientAddress: string | null) => ReturnType<typeof authenticate>;
  /** A console session cookie's principal, CSRF token and label, or null. */
  resolveSession: CookieSessionOptions['resolve'];
  close(): Promise<void>;
}

export interface ContainerOverrides {
  clock?: Clock;
  ids?: Ids;
  store?: Store;
  inMemory?: boolean;
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const key = loadSecretKey(config.secretKey, config.dataDir);
  const box = createSecretBox(key.key);
  const store =
    overrides.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: overrides.inMemory ? undefined : config.dataDir,
      pgliteSharedBuffers: config.pgliteSharedBuffers,
      queryTimeoutMs: config.queryTimeoutMs,
      connectTimeoutMs: config.connectTimeoutMs,
      pgliteFsync: config.pgliteFsync,
    }));
  try {
    await migrate(store);
    // A key that is not the data's would fail every read of personal data: refuse to start instead.
    if (!(await claimKeyCheck(store.db, box))) {
      removeCreatedKeyFile(key); // it encrypted nothing, and would mislead the next start
      throw new Error(wrongKeyMessage(key, config.dataDir));
    }
  } catch (e) {
    // Closed before the error leaves: no pool left open, the embedded store's directory lock released.
    if (!overrides.store) await store.close().catch(() => undefined);
    throw e;
  }
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const db = store.db;

  const webhookDeps: WebhooksDeps = {
    repo: new WebhooksRepository(db),
    box,
    ids,
    clock,
    allowPrivateTargets: config.webhookAllowPrivateTargets,
    timeoutMs: config.webhookTimeoutMs,
    concurrency: config.webhookConcurrency,
    endpointConcurrency: config.webhookEndpointConcurrency,
    programOfAccount: (accountId, programId) => loadProgram(programs, programId, accountId),
  };
  const dispatcher = createDispatcher(webhookDeps, {
    onOutcome: (outcome) => metrics.webhookDeliveries.inc({ outcome }),
  });
  // An event is emitted inside its transaction; the dispatcher looks a moment later, once it has committed
  // (if it has not yet, the next poll finds it).
  const outbox = createOutbox(webhookDeps, () => setTimeout(() => dispatcher.wake(), 25).unref());

  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    outboxDir: path.join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    timeoutMs: config.smtpTimeoutMs,
  });
  const sms = createSmsSender({
    smsUrl: config.smsUrl,
    outboxDir: path.join(config.dataDir, 'outbox-sms'),
    timeoutMs: config.smsTimeoutMs,
  });
  const accounts: AccountsDeps = {
    repo: new AccountsRepository(db),
    people: new PeopleRepository(db),
    ids,
    clock,
    box,
    oauthTokenTtlSeconds: config.oauthTokenTtlSeconds,
    mailer,
    publicUrl: config.publicUrl,
    sessions: config.consoleSessions,
    // Sign-ins and changes to people are recorded as the console made them (the audit log is made below).
    audit: (e) => recordEvent(audit, { ...e, method: 'POST', route: '/console' }),
  };
  const programs: ProgramsDeps = { repo: new ProgramsRepository(db), ids, clock, publicUrl: config.publicUrl };
  const organizations = createOrganizationsModule(db, {
    // Verifications build on organizations, so the lookup is handed in (called only once both exist).
    submittedOrganization: (principal, verificationId) => organizationOfVerification(verifications.repo, principal, verificationId),
  });
  const rosters = createRostersModule(db, box, clock);
  const uploadLease: UploadLeaseRules = {
    fixedMs: config.uploadClaimLeaseSeconds > 0 ? config.uploadClaimLeaseSeconds * 1000 : null,
    bodyTimeoutMs: config.http.bodyTimeoutMs,
    minBytesPerSecond: config.http.uploadMinBytesPerSecond,
    backstopMs: REQUEST_BACKSTOP_MS,
    queryTimeoutMs: config.queryTimeoutMs,
  };
  // Reading the documents themselves (DOCUMENT_READING): one pool of reading threads for the process.
  const reader = config.documentReading ? createDocumentReader() : undefined;
  const documents: DocumentsDeps = {
    reader,
    repo: new DocumentsRepository(db),
    box,
    ids,
    clock,
    publicUrl: config.publicUrl,
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    uploadLease,
    blobs: await openBlobStore({
      url: config.blobUrl,
      dir: path.join(config.dataDir, 'blobs'),
      key: box.blobKey,
      partialMaxAgeMs: partialFileMaxAgeMs(uploadLease),
    }),
  };
  const abuse = createAbuseModule({ db, clock, box, audit: (entry) => recordEvent(audit, entry) });
  const verifications: VerificationsDeps = {
    repo: new VerificationsRepository(db),
    limits: new VerificationLimitsRepository(db),
    conversions: new ConversionsRepository(db),
    search: new SearchRepository(db),
    consumers: new ConsumersRepository(db),
    abuse,
    // Single sign-on builds on verifications (it finishes them), so it is reached through this port.
    sso: { offers: (accountId, organizationId) => sso.offers(accountId, organizationId), begin: (v) => sso.begin(v) },
    box,
    ids,
    clock,
    publicUrl: config.publicUrl,
    programs: {
      load: (id, caller) => loadProgram(programs, id, caller),
      remainingRewardCodes: (id) => programs.repo.remainingRewardCodes(id),
      claimRewardCode: (exec, programId, vid, now) => programs.repo.claimRewardCode(exec, programId, vid, now),
    },
    organizations: { find: (accountId, id) => organizations.find(accountId, id) },
    rosters,
    documents: {
      check: checkDeclaration,
      declare: (v, attempt, files) => declareDocuments(documents, v, attempt, files),
      attempt: (vid, attempt) => attemptDocuments(documents, vid, attempt),
      fileNames: (vid, attempt) => attemptFileNames(documents, vid, attempt),
      schedulePurge: (exec, vid, days) => schedulePurge(documents, exec, vid, days),
      purgeDue: () => purgeDueDocuments(documents),
      reviewInfo: (q) => reviewInfo(documents, q),
      receive: (upload) => receiveUpload(documents, upload),
      queueReading: reader ? (exec, job) => queueAttemptReading(documents, exec, job) : undefined,
    },
    testReviewDelaySeconds: config.testReviewDelaySeconds,
    events: outbox,
    mailer,
    sms,
  };
  const sso = createSsoModule({
    db,
    ids,
    clock,
    box,
    publicUrl: config.publicUrl,
    organization: (accountId, id) => organizations.find(accountId, id),
    finish: (verificationId, result) => finishSignIn(verifications, verificationId, result),
  });
  const jobs = createPgBossQueue(store, { retryLimit: config.jobRetryLimit, retryDelaySeconds: config.jobRetryDelaySeconds });
  // A submitted attempt's documents are read by a job (made after the documents' deps, so handed in here).
  documents.jobs = jobs;
  const reportsRepo = new ReportsRepository(db);
  const batches = new BatchesRepository(db);
  const english = defaultMessages('en-US').messages.errorId as Record<string, string>;
  const reports: ReportsDeps = {
    repo: reportsRepo,
    jobs,
    box,
    ids,
    clock,
    publicUrl: config.publicUrl,
    batch: (accountId, batchId) => batches.find(accountId, batchId),
    organization: (accountId, id) => organizations.find(accountId, id),
    errorText: (id) => english[id] ?? id,
    events: outbox,
  };
  const reverify: ReverifyDeps = {
    repo: batches,
    jobs,
    ids,
    clock,
    publicUrl: config.publicUrl,
    chunkSize: 500,
    dailyLimit: config.reverifyDailyLimit,
    loadProgram: (id, caller) => loadProgram(programs, id, caller),
    prepare: (program, batchId, list) => prepareReverifications(verifications, program, batchId, list),
    store: (trx, prepared) => storeReverifications(verifications, trx, prepared),
    events: outbox,
    onBatchEnd: async (trx, batchId) => {
      for (const r of await reportsRepo.pendingForBatch(trx, batchId))
        await jobs.send(PREPARE_REPORT_JOB, { reportId: r.id }, { exec: trx });
    },
  };
  const idReports = new IdReportsRepository(db);
  const idv: ClientRequestsDeps & IdReportsDeps = {
    repo: new ClientRequestsRepository(db),
    captures: new CaptureRepository(db),
    idReports,
    // The file's answers show each request's report: client-requests asks id-reports' store through this.
    reportsOf: (accountId, requestIds) => idReports.reportsOfRequests(accountId, requestIds),
    box,
    ids,
    clock,
    jobs,
    publicUrl: config.publicUrl,
    blobs: documents.blobs,
    events: outbox,
    reader,
    audit: (entry) => recordEvent(audit, entry),
  };
  const metrics = createMetrics(() => jobCounts(db));
  const auditRepo = new AuditRepository(db);
  const audit: AuditDeps = { repo: auditRepo, box, clock, writer: new AuditWriter(auditRepo) };
  const modules: VouchModule[] = [
    createAuditModule(audit),
    createAccountsModule(accounts),
    createProgramsModule(programs, (q) => organizations.search(q)),
    createProgramLinksModule({
      counts: new SendLinkCountsRepository(db),
      sms,
      box,
      clock,
      publicUrl: config.publicUrl,
      loadProgram: (id, caller) => loadProgram(programs, id, caller),
      perNumberPerDay: config.smsLinksPerNumberPerDay,
      perProgramPerDay: config.smsLinksPerProgramPerDay,
    }),
    organizations,
    createAddSchoolModule({
      db,
      ids,
      clock,
      box,
      loadProgram: (id, caller) => loadProgram(programs, id, caller),
      organizations,
    }),
    rosters,
    createVerificationsModule(verifications, { read: (p, vid, did, ip) => readDocument(documents, p, vid, did, ip) }),
    createDocumentsModule(documents),
    createReverificationModule(reverify),
    createReportsModule(reports),
    createClientRequestsModule(idv, {
      exchange: async (clientId, secret) =>
        (await exchangeClientCredentials(accounts, { grantType: 'client_credentials', clientId, clientSecret: secret })).access_token,
      mailer,
      mail: (log) => linkMailOptions(config, metrics, log),
    }),
    createIdReportsModule(idv),
    createCaptureModule(idv, (token) => submitCapture(idv, token)),
    // On the embedded store this process is the only one, so leases a killed run left are dropped.
    createWebhooksModule(webhookDeps, dispatcher, store.kind === 'pglite'),
    sso,
    abuse,
    createPartnerApiModule({ db, ids, clock, box, accounts, programs, webhooks: webhookDeps }),
    createHostedFormModule({ publicUrl: config.publicUrl }),
    ...consoleModules({
      db,
      ids,
      clock,
      box,
      programs,
      verifications,
      documents,
      idReports: idv,
      clientRequests: idv,
      audit,
      accounts,
      reverify,
      reports,
      webhooks: webhookDeps,
      wakeWebhooks: () => dispatcher.wake(),
      organizations,
      rosters,
      mailer,
      publicUrl: config.publicUrl,
    }),
  ];
  return {
    modules,
    metrics,
    audit,
    keySource: keySource(key),
    webhooks: { deps: webhookDeps, outbox, dispatcher },
    config,
    store,
    clock,
    ids,
    box,
    accounts,
    programs,
    organizations,
    rosters,
    verifications,
    documents,
    sso,
    jobs,
    reverify,
    reports,
    idv,
    mailer,
    sms,
    authenticate: (bearer, clientAddress) => authenticate(accounts, bearer, clientAddress),
    resolveSession: async (token, clientAddress) => {
      const s = await resolveSession(accounts, token, clientAddress);
      return s && { principal: s.principal, csrf: s.csrf, label: s.user.email };
    },
    close: async () => {
      await reader?.close();
      await mailer.close();
      await store.close();
    },
  };
}
