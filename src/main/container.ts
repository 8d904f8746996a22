import path from 'node:path';
import { FileBlobStore } from '../platform/blobs/index.ts';
import { REQUEST_BACKSTOP_MS } from '../platform/http/timeouts.ts';
import { claimKeyCheck, createSecretBox, loadSecretKey, removeCreatedKeyFile, type SecretBox } from '../platform/crypto/index.ts';
import { migrate, openStore, type Store } from '../platform/db/index.ts';
import { createPgBossQueue, type JobQueue } from '../platform/jobs/index.ts';
import { createMailer, type Mailer } from '../platform/mail/index.ts';
import { createMetrics, type Metrics } from '../platform/http/metrics.ts';
import { jobCounts } from '../platform/jobs/index.ts';
import { AuditRepository, AuditWriter, type AuditDeps } from '../modules/audit/index.ts';
import { CaptureRepository, IdvRepository, type IdvDeps } from '../modules/idv-requests/index.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { randomIds, type Ids } from '../shared/ids.ts';
import { AccountsRepository, authenticate, type AccountsDeps } from '../modules/accounts/index.ts';
import {
  attemptDocuments,
  attemptFileNames,
  checkDeclaration,
  declareDocuments,
  DocumentsRepository,
  partialFileMaxAgeMs,
  purgeDueDocuments,
  reviewInfo,
  schedulePurge,
  type DocumentsDeps,
  type UploadLeaseRules,
} from '../modules/documents/index.ts';
import { createOrganizationsModule } from '../modules/organizations/index.ts';
import { defaultMessages, loadProgram, ProgramsRepository, type ProgramsDeps } from '../modules/programs/index.ts';
import { PREPARE_REPORT_JOB, ReportsRepository, type ReportsDeps } from '../modules/reports/index.ts';
import { BatchesRepository, type ReverifyDeps } from '../modules/reverification/index.ts';
import { createRostersModule } from '../modules/rosters/index.ts';
import {
  prepareReverifications,
  storeReverifications,
  VerificationsRepository,
  type VerificationsDeps,
} from '../modules/verifications/index.ts';
import {
  createDispatcher,
  createOutbox,
  WebhooksRepository,
  type Dispatcher,
  type EventOutbox,
  type WebhooksDeps,
} from '../modules/webhooks/index.ts';
import type { Config } from './config.ts';
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
  rosters: ReturnType<typeof createRostersModule>;
  verifications: VerificationsDeps;
  documents: DocumentsDeps;
  jobs: JobQueue;
  reverify: ReverifyDeps;
  reports: ReportsDeps;
  idv: IdvDeps;
  mailer: Mailer;
  /** Webhooks: the outbox modules emit into, and the dispatcher that delivers it (started by `serve`). */
  webhooks: { deps: WebhooksDeps; outbox: EventOutbox; dispatcher: Dispatcher };
  /** Prometheus metrics of this process; other parts increment theirs (e.g. `metrics.webhookDeliveries`). */
  metrics: Metrics;
  audit: AuditDeps;
  /** Where `box`'s key came from (`SECRET_KEY` or the key file), for messages; never the key. */
  keySource: string;
  authenticate: (bearer: string) => ReturnType<typeof authenticate>;
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
  };
  const dispatcher = createDispatcher(webhookDeps, {
    onOutcome: (outcome) => metrics.webhookDeliveries.inc({ outcome }),
  });
  // An event is emitted inside its transaction; the dispatcher looks a moment later, once it has committed
  // (if it has not yet, the next poll finds it).
  const outbox = createOutbox(webhookDeps, () => setTimeout(() => dispatcher.wake(), 25).unref());

  const accounts: AccountsDeps = { repo: new AccountsRepository(db), ids, clock, box, oauthTokenTtlSeconds: config.oauthTokenTtlSeconds };
  const programs: ProgramsDeps = { repo: new ProgramsRepository(db), ids, clock, publicUrl: config.publicUrl };
  const organizations = createOrganizationsModule(db);
  const rosters = createRostersModule(db, box, clock);
  const uploadLease: UploadLeaseRules = {
    fixedMs: config.uploadClaimLeaseSeconds > 0 ? config.uploadClaimLeaseSeconds * 1000 : null,
    bodyTimeoutMs: config.http.bodyTimeoutMs,
    minBytesPerSecond: config.http.uploadMinBytesPerSecond,
    backstopMs: REQUEST_BACKSTOP_MS,
    queryTimeoutMs: config.queryTimeoutMs,
  };
  const documents: DocumentsDeps = {
    repo: new DocumentsRepository(db),
    box,
    ids,
    clock,
    publicUrl: config.publicUrl,
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    uploadLease,
    blobs: new FileBlobStore(path.join(config.dataDir, 'blobs'), box.blobKey, { partialMaxAgeMs: partialFileMaxAgeMs(uploadLease) }),
  };
  const verifications: VerificationsDeps = {
    repo: new VerificationsRepository(db),
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
    },
    testReviewDelaySeconds: config.testReviewDelaySeconds,
    events: outbox,
  };
  const jobs = createPgBossQueue(store, { retryLimit: config.jobRetryLimit, retryDelaySeconds: config.jobRetryDelaySeconds });
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
    loadProgram: (id, caller) => loadProgram(programs, id, caller),
    prepare: (program, batchId, list) => prepareReverifications(verifications, program, batchId, list),
    store: (trx, prepared) => storeReverifications(verifications, trx, prepared),
    events: outbox,
    onBatchEnd: async (trx, batchId) => {
      for (const r of await reportsRepo.pendingForBatch(trx, batchId))
        await jobs.send(PREPARE_REPORT_JOB, { reportId: r.id }, { exec: trx });
    },
  };
  const idv: IdvDeps = {
    repo: new IdvRepository(db),
    captures: new CaptureRepository(db),
    box,
    ids,
    clock,
    jobs,
    publicUrl: config.publicUrl,
    blobs: documents.blobs,
    events: outbox,
  };
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    outboxDir: path.join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    timeoutMs: config.smtpTimeoutMs,
  });
  const metrics = createMetrics(() => jobCounts(db));
  const auditRepo = new AuditRepository(db);
  const audit: AuditDeps = { repo: auditRepo, box, clock, writer: new AuditWriter(auditRepo) };
  return {
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
    jobs,
    reverify,
    reports,
    idv,
    mailer,
    authenticate: (bearer) => authenticate(accounts, bearer),
    close: async () => {
      await mailer.close();
      await store.close();
    },
  };
}
