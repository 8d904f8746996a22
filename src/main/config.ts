import path from 'node:path';
import type { HttpTimeouts } from '../platform/http/timeouts.ts';
import { DEFAULT_SHARED_BUFFERS, readEnv } from './config-vars.ts';
import { SMALL_PGLITE_SHARED_BUFFERS, type MemoryProfile } from './memory-profile.ts';

/** Everything Vouch reads from the environment, read in one place (each variable is declared in config-vars.ts). */
export interface Config {
  port: number;
  host: string;
  /** Base of every absolute URL the API returns, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  /** `s3://bucket?...`: blobs in an S3-compatible bucket; undefined: files under dataDir/blobs. */
  blobUrl: string | undefined;
  /** PostgreSQL connection string; when absent the embedded store (PGlite under dataDir) is used. */
  databaseUrl: string | undefined;
  /** PostgreSQL's shared_buffers inside the embedded store, e.g. '32MB' (resident memory once touched). */
  pgliteSharedBuffers: string;
  /** The embedded store flushes each commit to the disk (fsync): it then survives a power loss, not only a crash. */
  pgliteFsync: boolean;
  /** Speed or resident memory first (see memory-profile.ts). */
  memoryProfile: MemoryProfile;
  /** 32-byte key (hex or base64) for PII encryption; generated under dataDir when absent. */
  secretKey: string | undefined;
  logLevel: string;
  /**
   * Which peers may tell the client IP through X-Forwarded-For: 'loopback' (a proxy on the same host),
   * true (any: only when every request comes through a proxy), false, or addresses/CIDRs separated by commas.
   */
  trustProxy: boolean | string;
  bodyLimitBytes: number;
  oauthTokenTtlSeconds: number;
  /** Console sessions: idle and absolute lifetimes. */
  consoleSessions: { idleMs: number; absoluteMs: number };
  uploadUrlTtlSeconds: number;
  /** How long an upload may hold its URL before the claim counts as abandoned; 0 = derived per file (documents/domain/upload-lease.ts). */
  uploadClaimLeaseSeconds: number;
  /** SMTP server for outgoing mail; without it mail is written as .eml files under dataDir/outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** SMTP: how long connecting and the server's greeting may take, in milliseconds (socket inactivity: twice as long). */
  smtpTimeoutMs: number;
  /** Link mails this process sends at once. */
  mailConcurrency: number;
  /** A link mail whose sending gave up is tried again after this, doubling each time, at most the maximum (seconds). */
  mailResendDelaySeconds: number;
  mailResendMaxDelaySeconds: number;
  /** Twilio for text messages (`twilio://SID:TOKEN@host?from=...`); without it they are written as files under dataDir/outbox-sms. */
  smsUrl: string | undefined;
  /** How long one request to the SMS provider may take, in milliseconds. */
  smsTimeoutMs: number;
  /** Program links texted (sendLink) per UTC day: to one phone number, and by one program. */
  smsLinksPerNumberPerDay: number;
  smsLinksPerProgramPerDay: number;
  /** Test-mode programs: delay before the special document names decide the review. */
  testReviewDelaySeconds: number;
  /** Rate limits: requests per window and caller (token, or client IP when anonymous) per route category; 0 = off. */
  rateLimitWindowSeconds: number;
  rateLimits: { create: number; step: number; link: number; upload: number; auth: number };
  /** How long an Idempotency-Key and its stored response are kept. */
  idempotencyKeyTtlHours: number;
  /** How long a request holds its Idempotency-Key: a key still running after this belongs to a dead request and a retry takes it over. */
  idempotencyKeyLeaseSeconds: number;
  /** When set, `/metrics` requires HTTP Basic auth with this password. */
  metricsToken: string | undefined;
  /** Webhooks: allow loopback, private and link-local targets (local development and tests only). */
  webhookAllowPrivateTargets: boolean;
  /** Webhooks: how long one delivery attempt may take, in milliseconds. */
  webhookTimeoutMs: number;
  /** Webhooks: deliveries in flight per process, and at most per endpoint (so a slow endpoint cannot take every slot). */
  webhookConcurrency: number;
  webhookEndpointConcurrency: number;
  /** Background jobs: retries after a first failure, and the first retry's delay in seconds (doubling after). */
  jobRetryLimit: number;
  reverifyDailyLimit: number;
  jobRetryDelaySeconds: number;
  /** Whether submitted documents are read (MRZ, barcode, text): `DOCUMENT_READING`. */
  documentReading: boolean;
  /** How long one database statement may run before it fails and frees its connection. */
  queryTimeoutMs: number;
  /** PostgreSQL: how long opening a connection may take. */
  connectTimeoutMs: number;
  /** SIGTERM/SIGINT: how long in-flight work may take to finish before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Slow clients: see platform/http/timeouts.ts. */
  http: HttpTimeouts;
}

/** One or more environment variables are wrong: `problems` holds one line per variable, each naming it and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads the environment through its declaration (config-vars.ts); throws a ConfigError listing every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { values: v, problems } = readEnv(env);
  if (problems.length) throw new ConfigError(problems);
  return {
    port: v.PORT,
    host: v.HOST,
    publicUrl: v.PUBLIC_URL ?? `http://localhost:${v.PORT}`,
    dataDir: path.resolve(v.DATA_DIR),
    blobUrl: v.BLOB_URL,
    databaseUrl: v.DATABASE_URL,
    pgliteSharedBuffers: v.PGLITE_SHARED_BUFFERS ?? (v.MEMORY_PROFILE === 'small' ? SMALL_PGLITE_SHARED_BUFFERS : DEFAULT_SHARED_BUFFERS),
    pgliteFsync: v.PGLITE_FSYNC,
    memoryProfile: v.MEMORY_PROFILE,
    secretKey: v.SECRET_KEY,
    logLevel: v.LOG_LEVEL,
    trustProxy: v.TRUST_PROXY,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    oauthTokenTtlSeconds: v.OAUTH_TOKEN_TTL_SECONDS,
    consoleSessions: { idleMs: v.CONSOLE_SESSION_IDLE_MINUTES * 60_000, absoluteMs: v.CONSOLE_SESSION_MAX_HOURS * 3_600_000 },
    uploadUrlTtlSeconds: v.UPLOAD_URL_TTL_SECONDS,
    uploadClaimLeaseSeconds: v.UPLOAD_CLAIM_LEASE_SECONDS,
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    smtpTimeoutMs: v.SMTP_TIMEOUT_MS,
    mailConcurrency: v.MAIL_CONCURRENCY,
    mailResendDelaySeconds: v.MAIL_RESEND_DELAY_SECONDS,
    mailResendMaxDelaySeconds: v.MAIL_RESEND_MAX_DELAY_SECONDS,
    smsUrl: v.SMS_URL,
    smsTimeoutMs: v.SMS_TIMEOUT_MS,
    smsLinksPerNumberPerDay: v.SMS_LINKS_PER_NUMBER_PER_DAY,
    smsLinksPerProgramPerDay: v.SMS_LINKS_PER_PROGRAM_PER_DAY,
    testReviewDelaySeconds: v.TEST_REVIEW_DELAY_SECONDS,
    rateLimitWindowSeconds: v.RATE_LIMIT_WINDOW_SECONDS,
    rateLimits: {
      create: v.RATE_LIMIT_CREATE,
      step: v.RATE_LIMIT_STEP,
      link: v.RATE_LIMIT_LINK,
      upload: v.RATE_LIMIT_UPLOAD,
      auth: v.RATE_LIMIT_AUTH,
    },
    idempotencyKeyTtlHours: v.IDEMPOTENCY_KEY_TTL_HOURS,
    idempotencyKeyLeaseSeconds: v.IDEMPOTENCY_KEY_LEASE_SECONDS,
    metricsToken: v.METRICS_TOKEN,
    webhookAllowPrivateTargets: v.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    webhookTimeoutMs: v.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: v.WEBHOOK_CONCURRENCY,
    webhookEndpointConcurrency: v.WEBHOOK_ENDPOINT_CONCURRENCY,
    jobRetryLimit: v.JOB_RETRY_LIMIT,
    reverifyDailyLimit: v.REVERIFY_DAILY_LIMIT,
    jobRetryDelaySeconds: v.JOB_RETRY_DELAY_SECONDS,
    documentReading: v.DOCUMENT_READING,
    queryTimeoutMs: v.DB_QUERY_TIMEOUT_MS,
    connectTimeoutMs: v.DB_CONNECT_TIMEOUT_MS,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    http: {
      headersTimeoutMs: v.HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: v.BODY_TIMEOUT_MS,
      uploadMinBytesPerSecond: v.UPLOAD_MIN_BYTES_PER_SECOND,
      idleTimeoutMs: v.IDLE_TIMEOUT_MS,
    },
  };
}
