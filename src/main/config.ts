import path from 'node:path';
import { DEFAULT_PGLITE_SHARED_BUFFERS } from '../platform/db/index.ts';
import type { HttpTimeouts } from '../platform/http/timeouts.ts';
import { MEMORY_PROFILES, SMALL_PGLITE_SHARED_BUFFERS, type MemoryProfile } from './memory-profile.ts';

/** Everything Vouch reads from the environment, read in one place. */
export interface Config {
  port: number;
  host: string;
  /** Base of every absolute URL the API returns, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
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
  jobRetryDelaySeconds: number;
  /** How long one database statement may run before it fails and frees its connection. */
  queryTimeoutMs: number;
  /** PostgreSQL: how long opening a connection may take. */
  connectTimeoutMs: number;
  /** SIGTERM/SIGINT: how long in-flight work may take to finish before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Slow clients: see platform/http/timeouts.ts. */
  http: HttpTimeouts;
}

const int = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${value}'`);
  return n;
};

const flag = (name: string, value: string | undefined): boolean => {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new Error(`${name} must be true or false, got '${value}'`);
};

const memorySize = (name: string, value: string | undefined, fallback: string): string => {
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9][0-9]*(kB|MB|GB)$/.test(value)) throw new Error(`${name} must be a size such as 32MB, got '${value}'`);
  return value;
};

const memoryProfile = (value: string | undefined): MemoryProfile => {
  if (value === undefined || value === '') return 'throughput';
  if (!(MEMORY_PROFILES as readonly string[]).includes(value)) throw new Error(`MEMORY_PROFILE must be one of ${MEMORY_PROFILES.join(', ')}, got '${value}'`);
  return value as MemoryProfile;
};

const trustProxy = (value: string | undefined): boolean | string => {
  if (value === undefined || value === '') return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int('PORT', env.PORT, 8080);
  const profile = memoryProfile(env.MEMORY_PROFILE);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL, got '${publicUrl}'`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR || '.vouch'),
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteSharedBuffers: memorySize('PGLITE_SHARED_BUFFERS', env.PGLITE_SHARED_BUFFERS, profile === 'small' ? SMALL_PGLITE_SHARED_BUFFERS : DEFAULT_PGLITE_SHARED_BUFFERS),
    pgliteFsync: env.PGLITE_FSYNC === undefined || env.PGLITE_FSYNC === '' ? true : flag('PGLITE_FSYNC', env.PGLITE_FSYNC),
    memoryProfile: profile,
    secretKey: env.SECRET_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: trustProxy(env.TRUST_PROXY),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    oauthTokenTtlSeconds: int('OAUTH_TOKEN_TTL_SECONDS', env.OAUTH_TOKEN_TTL_SECONDS, 3600),
    uploadUrlTtlSeconds: int('UPLOAD_URL_TTL_SECONDS', env.UPLOAD_URL_TTL_SECONDS, 900),
    uploadClaimLeaseSeconds: int('UPLOAD_CLAIM_LEASE_SECONDS', env.UPLOAD_CLAIM_LEASE_SECONDS, 0),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Vouch <no-reply@localhost>',
    smtpTimeoutMs: Math.max(100, int('SMTP_TIMEOUT_MS', env.SMTP_TIMEOUT_MS, 10_000)),
    mailConcurrency: Math.max(1, int('MAIL_CONCURRENCY', env.MAIL_CONCURRENCY, 4)),
    mailResendDelaySeconds: Math.max(1, int('MAIL_RESEND_DELAY_SECONDS', env.MAIL_RESEND_DELAY_SECONDS, 60)),
    mailResendMaxDelaySeconds: Math.max(1, int('MAIL_RESEND_MAX_DELAY_SECONDS', env.MAIL_RESEND_MAX_DELAY_SECONDS, 900)),
    testReviewDelaySeconds: int('TEST_REVIEW_DELAY_SECONDS', env.TEST_REVIEW_DELAY_SECONDS, 20),
    rateLimitWindowSeconds: Math.max(1, int('RATE_LIMIT_WINDOW_SECONDS', env.RATE_LIMIT_WINDOW_SECONDS, 60)),
    rateLimits: {
      create: int('RATE_LIMIT_CREATE', env.RATE_LIMIT_CREATE, 300),
      step: int('RATE_LIMIT_STEP', env.RATE_LIMIT_STEP, 300),
      link: int('RATE_LIMIT_LINK', env.RATE_LIMIT_LINK, 60),
      upload: int('RATE_LIMIT_UPLOAD', env.RATE_LIMIT_UPLOAD, 60),
      auth: int('RATE_LIMIT_AUTH', env.RATE_LIMIT_AUTH, 30),
    },
    idempotencyKeyTtlHours: Math.max(1, int('IDEMPOTENCY_KEY_TTL_HOURS', env.IDEMPOTENCY_KEY_TTL_HOURS, 24)),
    idempotencyKeyLeaseSeconds: Math.max(1, int('IDEMPOTENCY_KEY_LEASE_SECONDS', env.IDEMPOTENCY_KEY_LEASE_SECONDS, 300)),
    metricsToken: env.METRICS_TOKEN || undefined,
    webhookAllowPrivateTargets: flag('WEBHOOK_ALLOW_PRIVATE_TARGETS', env.WEBHOOK_ALLOW_PRIVATE_TARGETS),
    webhookTimeoutMs: Math.max(1, int('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, 10_000)),
    webhookConcurrency: Math.max(1, int('WEBHOOK_CONCURRENCY', env.WEBHOOK_CONCURRENCY, 32)),
    webhookEndpointConcurrency: Math.max(1, int('WEBHOOK_ENDPOINT_CONCURRENCY', env.WEBHOOK_ENDPOINT_CONCURRENCY, 8)),
    jobRetryLimit: int('JOB_RETRY_LIMIT', env.JOB_RETRY_LIMIT, 10),
    jobRetryDelaySeconds: int('JOB_RETRY_DELAY_SECONDS', env.JOB_RETRY_DELAY_SECONDS, 2),
    queryTimeoutMs: Math.max(100, int('DB_QUERY_TIMEOUT_MS', env.DB_QUERY_TIMEOUT_MS, 30_000)),
    connectTimeoutMs: Math.max(100, int('DB_CONNECT_TIMEOUT_MS', env.DB_CONNECT_TIMEOUT_MS, 5_000)),
    shutdownTimeoutMs: Math.max(100, int('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 25_000)),
    http: {
      headersTimeoutMs: Math.max(100, int('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 15_000)),
      bodyTimeoutMs: Math.max(100, int('BODY_TIMEOUT_MS', env.BODY_TIMEOUT_MS, 30_000)),
      uploadMinBytesPerSecond: int('UPLOAD_MIN_BYTES_PER_SECOND', env.UPLOAD_MIN_BYTES_PER_SECOND, 8 * 1024),
      idleTimeoutMs: Math.max(100, int('IDLE_TIMEOUT_MS', env.IDLE_TIMEOUT_MS, 60_000)),
    },
  };
}
