import { SMTPServer, type SMTPServerError } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { until } from './wait.ts';

export interface SunkMessage {
  /** Envelope recipients (RCPT TO); smtp-server shows a punycode domain decoded (`xn--bcher-kva.de` as `bücher.de`). */
  to: string[];
  /** Whether the client asked for SMTPUTF8 (RFC 6531): it does when an envelope address is not ASCII. */
  smtpUtf8: boolean;
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** The message exactly as received, CRLF line ends. */
  raw: string;
  /** Decoded Subject header. */
  subject: string;
  /** Decoded text/plain body (the first one, for multipart messages). */
  text: string;
}

export interface SmtpSink {
  /** `smtp://user:pass@127.0.0.1:<port>`; any credentials are accepted, and none are required. */
  url: string;
  messages: SunkMessage[];
  /** Resolves once `messages.length >= n`; rejects after `ms` (default 5 s). */
  waitFor(n: number, ms?: number): Promise<void>;
  /**
   * The first message whose text includes `text` (a link, say), once it has arrived; rejects after `ms`
   * (default 20 s). Mail sent through a job can arrive after a later request was made: wait for a message by
   * what it carries rather than by a count.
   */
  waitForText(text: string, ms?: number): Promise<SunkMessage>;
  /** The next `count` messages are refused with a temporary 451 reply (and not recorded). */
  failNext(count: number): void;
  close(): Promise<void>;
}

/**
 * An SMTP server on a loopback port (random, or `port`: a server that was down coming back), without TLS,
 * that keeps what it receives in memory.
 */
export async function startSmtpSink(options: { port?: number } = {}): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const waiters = new Set<() => void>();
  let failures = 0;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const err: SMTPServerError = new Error('Temporary local problem, try again later');
          err.responseCode = 451;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        const from = session.envelope.mailFrom;
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          smtpUtf8: Boolean(session.envelope.smtpUtf8),
          from: from ? from.address : '',
          raw,
          subject: parsed.headers.get('subject') ?? '',
          text: parsed.text,
        });
        for (const wake of [...waiters]) wake();
        callback(null, 'Queued');
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after start (a client dropping mid-session) are not the test's concern.
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://sink:sink@127.0.0.1:${port}`,
    messages,
    waitFor(n, ms = 5_000) {
      if (messages.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const wake = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`SMTP sink: expected ${n} message(s) within ${ms} ms, got ${messages.length}`));
        }, ms);
        waiters.add(wake);
      });
    },
    waitForText(text, ms = 20_000) {
      return until(async () => messages.find((m) => m.text.includes(text)), Boolean, ms) as Promise<SunkMessage>;
    },
    failNext(count) {
      failures = count;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ParsedMessage {
  /** Header names in lower case, values unfolded and decoded; the first occurrence wins. */
  headers: Map<string, string>;
  /** The first text/plain body, transfer-decoded as UTF-8 ('' when there is none). */
  text: string;
}

/** A small MIME reader, enough for what nodemailer produces: single part or nested multipart. */
export function parseMessage(raw: string): ParsedMessage {
  const { headers, body } = splitEntity(raw);
  return { headers, text: findText(headers, body) ?? '' };
}

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(entity);
  const head = match ? entity.slice(0, match.index) : entity;
  const body = match ? entity.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function findText(headers: Map<string, string>, body: string): string | undefined {
  const type = headers.get('content-type') ?? 'text/plain';
  const mediaType = type.split(';')[0].trim().toLowerCase();
  if (mediaType.startsWith('multipart/')) {
    const boundary = param(type, 'boundary');
    if (!boundary) return undefined;
    const parts = body.split(new RegExp(`\\r?\\n?--${escapeRegExp(boundary)}(?:--)?[ \\t]*\\r?\\n?`));
    for (const part of parts.slice(1)) {
      if (!part.trim()) continue;
      const inner = splitEntity(part);
      const text = findText(inner.headers, inner.body);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (mediaType !== 'text/plain') return undefined;
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(body);
  else if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else bytes = Buffer.from(body, 'utf8');
  return bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function decodeQuotedPrintable(input: string): Buffer {
  const joined = input.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      out.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); whitespace between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
