import net from 'node:net';
import { parseBlobUrl } from '../platform/blobs/s3-url.ts';
import { parseSecretKey } from '../platform/crypto/index.ts';
import { parseSmsUrl } from '../platform/sms/index.ts';
import { MEMORY_PROFILES, type MemoryProfile } from './memory-profile.ts';

/**
 * Every environment variable Vouch reads, declared once: the loader reads through these readers,
 * `vouch --help` lists them and `npm run docs:config` writes the README table from them, so the three
 * cannot drift apart. The order here is the order people read them in.
 *
 * This file stays light (no database, no HTTP framework): `vouch --help` imports it.
 */
export interface EnvVar<T> {
  /** The default as people read it (Markdown, one line). */
  shown: string;
  /** What it does (Markdown, one line). */
  meaning: string;
  /** The value from the raw text (undefined or '' when unset); throws an Error naming `name`, what is wrong and the fix. */
  read(raw: string | undefined, name: string): T;
}

const unset = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';
const code = (text: string | number) => `\`${text}\``;
/** A value repeated in a message, on one line and not too long to read. */
const quoted = (raw: string) => `'${raw.length > 80 ? `${raw.slice(0, 77)}...` : raw}'`.replace(/[\r\n]+/g, ' ');

/** A whole number in [min, max]; `atLeast` raises smaller ones silently (a floor under timeouts, not an error). */
function integer(fallback: number, options: { min?: number; max?: number; atLeast?: number; unit?: string } = {}) {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return (raw: string | undefined, name: string): number => {
    if (unset(raw)) return Math.max(options.atLeast ?? 0, fallback);
    const text = raw.trim();
    const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      throw new Error(`${name} must be a whole number${options.unit ? ` of ${options.unit}` : ''}, ${range}, got ${quoted(raw)}`);
    }
    return Math.max(options.atLeast ?? 0, n);
  };
}

/** The longest delay a Node.js timer takes (2^31 - 1 ms); a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;
const millis = (fallback: number, atLeast = 0) => integer(fallback, { max: MAX_TIMER_MS, atLeast, unit: 'milliseconds' });
const seconds = (fallback: number, atLeast = 0) => integer(fallback, { max: Math.floor(MAX_TIMER_MS / 1000), atLeast, unit: 'seconds' });

function flag(fallback: boolean) {
  return (raw: string | undefined, name: string): boolean => {
    if (unset(raw)) return fallback;
    const text = raw.trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw new Error(`${name} must be true or false, got ${quoted(raw)}`);
  };
}

/** `on` or `off` (also true/false, 1/0). */
function onOff(fallback: boolean) {
  return (raw: string | undefined, name: string): boolean => {
    if (unset(raw)) return fallback;
    const text = raw.trim().toLowerCase();
    if (text === 'on' || text === 'true' || text === '1') return true;
    if (text === 'off' || text === 'false' || text === '0') return false;
    throw new Error(`${name} must be on or off, got ${quoted(raw)}`);
  };
}

const optionalText = (raw: string | undefined): string | undefined => (unset(raw) ? undefined : raw);

function port(raw: string | undefined, name: string): number {
  if (unset(raw)) return 8080;
  const text = raw.trim();
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number between 1 and 65535, got ${quoted(raw)}`);
  return n;
}

/** An address to listen on: an IP address or a host name (no scheme, no port). */
function host(raw: string | undefined, name: string): string {
  if (unset(raw)) return '0.0.0.0';
  const text = raw.trim();
  if (net.isIP(text) || /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(text)) return text;
  throw new Error(`${name} must be an address to listen on, such as 0.0.0.0, 127.0.0.1 or :: (no scheme, no port), got ${quoted(raw)}`);
}

/** The URL as a message may repeat it: the password hidden; text that is no URL at all is not repeated if it could hold one. */
export function withoutPassword(raw: string): string {
  try {
    const url = new URL(raw.trim());
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.includes('@') ? '(a value that is not a URL; not repeated here, it may hold a password)' : raw;
  }
}

function publicUrl(raw: string | undefined, name: string): string | undefined {
  if (unset(raw)) return undefined;
  const text = raw.trim().replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    /* reported below */
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new Error(`${name} must be an absolute http:// or https:// URL, such as https://verify.example.com, got ${quoted(raw)}`);
  }
  return text;
}

function databaseUrl(raw: string | undefined, name: string): string | undefined {
  if (unset(raw)) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    /* reported below */
  }
  // A Unix socket is named by ?host=/path, which leaves the URL's own host empty.
  const hasHost = !!url && (url.hostname !== '' || !!url.searchParams.get('host'));
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !hasHost) {
    throw new Error(
      `${name} must be a postgres:// or postgresql:// URL with a host, such as postgres://user:password@db.example.com:5432/vouch, ` +
        `got ${quoted(withoutPassword(raw))}${url ? '' : ' (not a URL)'}; unset it to use the embedded store`,
    );
  }
  return raw.trim();
}

function smtpUrl(raw: string | undefined, name: string): string | undefined {
  if (unset(raw)) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    /* reported below */
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    throw new Error(
      `${name} must be an smtp:// or smtps:// URL with a host, such as smtp://user:password@mail.example.com:587, ` +
        `got ${quoted(withoutPassword(raw))}${url ? '' : ' (not a URL)'}; unset it to write mail to DATA_DIR/outbox`,
    );
  }
  return raw.trim();
}

/** What the S3 blob store accepts (platform/blobs/s3-url.ts): its own sentences, which never repeat the secret. */
function blobUrl(raw: string | undefined, name: string): string | undefined {
  if (unset(raw)) return undefined;
  parseBlobUrl(raw, name);
  return raw.trim();
}

/** What the SMS sender accepts (platform/sms): its own sentences, which never repeat the auth token. */
function smsUrl(raw: string | undefined): string | undefined {
  if (unset(raw)) return undefined;
  try {
    parseSmsUrl(raw);
  } catch (e) {
    throw new Error(`${(e as Error).message}; unset it to write text messages to DATA_DIR/outbox-sms`);
  }
  return raw.trim();
}

/** What the key loader accepts (platform/crypto): 64 hex characters, or base64 of exactly 32 bytes. Never repeated in a message. */
function secretKey(raw: string | undefined, name: string): string | undefined {
  if (unset(raw)) return undefined;
  try {
    parseSecretKey(raw);
  } catch {
    throw new Error(
      `${name} must be 32 bytes written as 64 hex characters or as base64 (make one with: openssl rand -hex 32), ` +
        `got ${raw.trim().length} characters; unset it to use the key file under DATA_DIR`,
    );
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
function logLevel(raw: string | undefined, name: string): string {
  if (unset(raw)) return 'info';
  const level = raw.trim().toLowerCase();
  if (!LOG_LEVELS.includes(level)) throw new Error(`${name} must be one of ${LOG_LEVELS.join(', ')}, got ${quoted(raw)}`);
  return level;
}

function memoryProfile(raw: string | undefined, name: string): MemoryProfile {
  if (unset(raw)) return 'throughput';
  if (!(MEMORY_PROFILES as readonly string[]).includes(raw.trim()))
    throw new Error(`${name} must be one of ${MEMORY_PROFILES.join(', ')}, got ${quoted(raw)}`);
  return raw.trim() as MemoryProfile;
}

/** PostgreSQL's notation; undefined when unset (the default depends on MEMORY_PROFILE, see config.ts). */
function memorySize(raw: string | undefined, name: string): string | undefined {
  if (unset(raw)) return undefined;
  if (!/^[1-9][0-9]*(kB|MB|GB)$/.test(raw.trim()))
    throw new Error(`${name} must be a size such as 32MB (a whole number, then kB, MB or GB), got ${quoted(raw)}`);
  return raw.trim();
}

/** Names proxy-addr knows, or IP addresses and CIDR ranges, separated by commas (Fastify's trustProxy). */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
function trustProxy(raw: string | undefined, name: string): boolean | string {
  if (unset(raw)) return 'loopback';
  const text = raw.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.find((entry) => {
    if (PROXY_NAMES.includes(entry)) return false;
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    if (!family || extra !== undefined) return true;
    if (bits === undefined) return false;
    return !(/^[0-9]+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)) && net.isIP(bits) !== family;
  });
  if (bad !== undefined) {
    throw new Error(
      `${name} must be loopback, true, false, or IP addresses and CIDR ranges separated by commas (such as 10.0.0.0/8,192.168.1.5), ` +
        `got ${quoted(raw)} (${quoted(bad)} is none of these)`,
    );
  }
  return text;
}

function mailFrom(raw: string | undefined, name: string): string {
  if (unset(raw)) return 'Vouch <no-reply@localhost>';
  if (/[\r\n]/.test(raw) || !/@[^@\s>]+/.test(raw))
    throw new Error(`${name} must be a sender on one line, such as 'Vouch <no-reply@example.org>', got ${quoted(raw)}`);
  return raw.trim();
}

const v = <T>(shown: string, meaning: string, read: EnvVar<T>['read']): EnvVar<T> => ({ shown, meaning, read });
/** A whole-number variable whose shown default is its value. */
const n = (fallback: number, meaning: string, read: (fallback: number) => EnvVar<number>['read'] = (f) => integer(f)) =>
  v(code(fallback), meaning, read(fallback));

/** The embedded store's shared_buffers when neither MEMORY_PROFILE=small nor PGLITE_SHARED_BUFFERS says otherwise (the store's own default, checked by a test). */
export const DEFAULT_SHARED_BUFFERS = '32MB';

export const ENV_VARS = {
  PORT: v(code(8080), 'HTTP port', port),
  HOST: v(code('0.0.0.0'), 'listen address', host),
  PUBLIC_URL: v(code('http://localhost:$PORT'), 'base of every URL the API returns (`submissionUrl`, ...)', publicUrl),
  DATA_DIR: v(
    code('./.vouch'),
    'embedded database (`pgdata/`), encrypted documents (`blobs/`, unless `BLOB_URL` is set), generated key (`secret.key`); on PostgreSQL every instance shares `DATA_DIR/blobs`, and a server on another blob directory does not start',
    (raw) => (unset(raw) ? '.vouch' : raw),
  ),
  BLOB_URL: v(
    'unset',
    '`s3://bucket?endpoint=https://...&region=...&forcePathStyle=true` keeps documents and photos, encrypted, in an S3-compatible bucket instead of `DATA_DIR/blobs`; credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (or `s3://KEY_ID:SECRET@bucket`) ([docs/operations.md](docs/operations.md#object-storage-s3))',
    blobUrl,
  ),
  DATABASE_URL: v('unset', '`postgres://...`: run on PostgreSQL instead of the embedded store', databaseUrl),
  PGLITE_SHARED_BUFFERS: v(
    `${code(DEFAULT_SHARED_BUFFERS)} (\`16MB\` with \`MEMORY_PROFILE=small\`)`,
    "PostgreSQL's `shared_buffers` inside the embedded store; resident memory of the process once used",
    memorySize,
  ),
  PGLITE_FSYNC: v(
    code('true'),
    'the embedded store flushes each commit to the disk; `false` trades power-loss safety for speed (see above and [docs/operations.md](docs/operations.md#durability-of-the-embedded-store))',
    flag(true),
  ),
  MEMORY_PROFILE: v(
    code('throughput'),
    "`small` keeps the server's memory low (under 300 MB through a 100,000-record re-verification on the embedded store) at about half the upload throughput ([docs/decisions/memory-profile.md](docs/decisions/memory-profile.md))",
    memoryProfile,
  ),
  SECRET_KEY: v(
    'generated into `DATA_DIR/secret.key` (0600)',
    '32 bytes (64 hex characters) that encrypt PII at rest; **back it up**: without it the encrypted data cannot be read, and a key that does not match the data stops the start',
    secretKey,
  ),
  LOG_LEVEL: v(code('info'), 'pino level', logLevel),
  TRUST_PROXY: v(
    code('loopback'),
    'peers allowed to set the client IP with `X-Forwarded-For`: `loopback`, `true`, `false`, or addresses/CIDRs separated by commas (rate limits and the audit log use that IP)',
    trustProxy,
  ),
  BODY_LIMIT_BYTES: n(1048576, 'largest JSON body accepted (bodies nest at most 32 levels and must be well-formed Unicode)', (f) =>
    integer(f, { min: 1, unit: 'bytes' }),
  ),
  DB_QUERY_TIMEOUT_MS: n(
    30000,
    'a database statement running longer fails; the request answers 503 ([docs/operations.md](docs/operations.md#timeouts))',
    (f) => millis(f, 100),
  ),
  HEADERS_TIMEOUT_MS: n(15000, 'time a client has to send its request headers', (f) => millis(f, 100)),
  BODY_TIMEOUT_MS: n(30000, 'time a client has to send a whole request body (the grace period of an upload); 408 after it', (f) =>
    millis(f, 100),
  ),
  UPLOAD_MIN_BYTES_PER_SECOND: n(8192, 'the average rate an upload must keep after that grace; `0` = no minimum'),
  IDLE_TIMEOUT_MS: n(60000, 'an idle connection is closed after this', (f) => millis(f, 100)),
  SHUTDOWN_TIMEOUT_MS: n(
    25000,
    'on SIGTERM/SIGINT, how long in-flight requests may take to finish before their connections are closed ([docs/operations.md](docs/operations.md#stopping))',
    (f) => millis(f, 100),
  ),
  DB_CONNECT_TIMEOUT_MS: n(
    5000,
    'PostgreSQL: how long opening a connection may take; while the database is away requests answer 503',
    (f) => millis(f, 100),
  ),
  OAUTH_TOKEN_TTL_SECONDS: n(3600, 'lifetime of OAuth2 access tokens', (f) => seconds(f)),
  CONSOLE_SESSION_IDLE_MINUTES: n(30, 'a console session ends after this many minutes without a request', (f) =>
    integer(f, { max: 7 * 24 * 60, atLeast: 1, unit: 'minutes' }),
  ),
  CONSOLE_SESSION_MAX_HOURS: n(12, 'a console session ends this many hours after sign-in, however active', (f) =>
    integer(f, { max: 30 * 24, atLeast: 1, unit: 'hours' }),
  ),
  UPLOAD_URL_TTL_SECONDS: n(900, 'lifetime of a document upload URL', (f) => seconds(f)),
  UPLOAD_CLAIM_LEASE_SECONDS: v(
    '`0` (derived)',
    "how long an upload may hold its URL before a killed process's claim counts as abandoned; `0` derives it per file from the timeouts above ([docs/documents-and-review.md](docs/documents-and-review.md#uploads-cut-off))",
    seconds(0),
  ),
  SMTP_URL: v('unset', '`smtp://user:pass@host:587` for outgoing mail; without it mail is written to `DATA_DIR/outbox/*.eml`', smtpUrl),
  MAIL_FROM: v(code('Vouch <no-reply@localhost>'), 'sender of outgoing mail', mailFrom),
  SMTP_TIMEOUT_MS: n(
    10000,
    'how long connecting to the SMTP server and its greeting may take (socket inactivity: twice as long); a silent server fails the send instead of hanging it',
    (f) => millis(f, 100),
  ),
  MAIL_CONCURRENCY: n(4, 'link mails a process sends at once, so a silent mail server holds up one sender, not the queue', (f) =>
    integer(f, { atLeast: 1 }),
  ),
  MAIL_RESEND_DELAY_SECONDS: n(
    60,
    'a link mail whose job gave up is sent again after this, doubling each time, while the link is valid ([docs/client-requests.md](docs/client-requests.md#when-a-mail-cannot-be-sent))',
    (f) => seconds(f, 1),
  ),
  MAIL_RESEND_MAX_DELAY_SECONDS: n(900, 'the longest wait between two such rounds', (f) => seconds(f, 1)),
  SMS_URL: v(
    'unset',
    '`twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=%2B15550001111` sends text messages through Twilio; without it they are written to `DATA_DIR/outbox-sms/*.txt` ([docs/sms.md](docs/sms.md))',
    smsUrl,
  ),
  SMS_TIMEOUT_MS: n(
    10000,
    'how long one request to the SMS provider may take, its answer included; a silent provider fails the send instead of hanging it',
    (f) => millis(f, 100),
  ),
  SMS_LINKS_PER_NUMBER_PER_DAY: n(
    3,
    'program links texted to one phone number per UTC day, whatever the program (`POST /rest/v2/program/{id}/sendLink`); more answer 429',
    (f) => integer(f, { min: 1 }),
  ),
  SMS_LINKS_PER_PROGRAM_PER_DAY: n(1000, 'program links one program may text per UTC day, to any numbers; more answer 429', (f) =>
    integer(f, { min: 1 }),
  ),
  TEST_REVIEW_DELAY_SECONDS: n(20, 'test-mode programs: delay before the special document names decide a review', (f) => seconds(f)),
  RATE_LIMIT_WINDOW_SECONDS: n(60, 'length of the rate-limit window ([docs/safety-rails.md](docs/safety-rails.md))', (f) => seconds(f, 1)),
  RATE_LIMIT_CREATE: n(300, 'creating requests per window, per token (or per client IP without a token); `0` turns the limit off'),
  RATE_LIMIT_STEP: n(300, 'step submissions per window, per token (or per client IP without a token); `0` = off'),
  RATE_LIMIT_LINK: n(60, 'link pages and link issuing per window, per client IP (or token); `0` = off'),
  RATE_LIMIT_UPLOAD: n(60, 'uploads and capture steps per window, per client IP (or token); `0` = off'),
  RATE_LIMIT_AUTH: n(
    30,
    'credential exchanges (`/rest/v2/oauth/token`, `/api/auth/token`) per window, per client IP, and as many failed bearer tokens; `0` = off',
  ),
  IDEMPOTENCY_KEY_TTL_HOURS: n(24, 'how long an `Idempotency-Key` and its stored response are kept', (f) =>
    integer(f, { atLeast: 1, unit: 'hours' }),
  ),
  IDEMPOTENCY_KEY_LEASE_SECONDS: n(
    300,
    'how long a request holds its key; a key left running by a process that died is taken over by a retry after this ([docs/safety-rails.md](docs/safety-rails.md#a-request-the-server-died-during))',
    (f) => seconds(f, 1),
  ),
  METRICS_TOKEN: v(
    'unset',
    'when set, `/metrics` asks for HTTP Basic auth with this password (any user name); unset, it is open',
    optionalText,
  ),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: v(
    code('false'),
    '`true` lets webhook endpoints point at loopback, private and link-local addresses (local development and tests only; [docs/webhooks.md](docs/webhooks.md))',
    flag(false),
  ),
  WEBHOOK_TIMEOUT_MS: n(10000, 'how long one webhook delivery attempt may take before it counts as failed', (f) => millis(f, 1)),
  WEBHOOK_CONCURRENCY: n(32, 'webhook deliveries in flight per process', (f) => integer(f, { atLeast: 1 })),
  WEBHOOK_ENDPOINT_CONCURRENCY: n(8, 'webhook deliveries in flight per endpoint, so a slow endpoint cannot hold every slot', (f) =>
    integer(f, { atLeast: 1 }),
  ),
  JOB_RETRY_LIMIT: n(
    10,
    'retries of a failed background job (re-verification batch, report, link mail) before it gives up and what it was making fails with the reason ([docs/operations.md](docs/operations.md#background-jobs))',
  ),
  REVERIFY_DAILY_LIMIT: n(
    1_000_000,
    'verifications an account may re-verify per UTC day, all batches together; a batch that would pass it is refused with `reverificationDailyLimitExceeded`',
  ),
  JOB_RETRY_DELAY_SECONDS: n(2, "delay before a job's first retry, doubling for each next one; `0` = retry at once", (f) => seconds(f)),
  DOCUMENT_READING: v(
    code('on'),
    '`off` reads no submitted document itself (no MRZ, barcode or text reading of ID photos and eligibility documents; no reading threads started) ([docs/documents-and-review.md](docs/documents-and-review.md#reading-the-documents))',
    onOff(true),
  ),
} satisfies Record<string, EnvVar<unknown>>;

export type EnvName = keyof typeof ENV_VARS;
export type EnvValues = { [K in EnvName]: ReturnType<(typeof ENV_VARS)[K]['read']> };

/** Every variable read from `env`: the values, or one problem per variable that is wrong (each naming it). */
export function readEnv(env: Record<string, string | undefined>): { values: EnvValues; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(ENV_VARS) as [EnvName, EnvVar<unknown>][]) {
    try {
      values[name] = variable.read(env[name], name);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return { values: values as EnvValues, problems };
}
