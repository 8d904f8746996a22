import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { asciiMailAddress } from '../../shared/email.ts';
import { outboxDir } from '../files/outbox-dir.ts';

export interface MailMessage {
  /** One address; an internationalised domain is sent in punycode, a non-ASCII local part is refused. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Used as the Message-ID header, e.g. `<link-123@vouch>`; a retried job passes the same id again. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the server accepted the message (or the file is in place: `file` names it); rejects otherwise. */
  send(msg: MailMessage): Promise<{ messageId: string; file?: string }>;
  close(): Promise<void>;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://user:pass@host:465`; without it messages go to `outboxDir`. */
  smtpUrl?: string;
  outboxDir: string;
  /** Sender address, e.g. `Vouch <no-reply@example.org>`. */
  from: string;
  /**
   * Upper bound for connecting and for the server's greeting, in milliseconds (default 10 s). Socket
   * inactivity is allowed twice as long (default 20 s). A dead server fails the send instead of hanging it.
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A transport made on the first send: nodemailer adds about 13 MB to a process, and many never send mail.
 * `close` closes it only if it was made.
 */
function lazyTransport(make: (nodemailer: typeof import('nodemailer'), smtp: typeof SMTPTransport) => Transporter) {
  let made: Promise<Transporter> | undefined;
  return {
    get: () =>
      (made ??= Promise.all([import('nodemailer'), import('nodemailer/lib/smtp-transport/index.js')]).then(([nodemailer, smtp]) =>
        make(nodemailer.default, smtp.default),
      )),
    close: async () => {
      if (made) (await made).close();
    },
  };
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options) : outboxMailer(options);
}

/**
 * The recipient as mail carries it without SMTPUTF8 (see src/shared/email.ts). Done here, not left to
 * nodemailer, which writes a non-ASCII local part raw into the To header and the envelope. The error
 * names no address: it may reach a log.
 */
function recipient(to: string): string {
  const ascii = asciiMailAddress(to.trim());
  if ('address' in ascii) return ascii.address;
  throw new Error(
    ascii.problem === 'nonAsciiLocalPart'
      ? 'Recipient address has a non-ASCII part before the @, which needs SMTPUTF8; only ASCII addresses are sent'
      : 'Recipient address is not a valid email address',
  );
}

function composeMail(from: string, msg: MailMessage) {
  return {
    from,
    to: recipient(msg.to),
    subject: msg.subject,
    text: msg.text,
    ...(msg.html !== undefined ? { html: msg.html } : {}),
    ...(msg.headers ? { headers: msg.headers } : {}),
    ...(msg.messageId ? { messageId: msg.messageId } : {}),
  };
}

function smtpMailer(smtpUrl: string, options: MailerOptions): Mailer {
  let protocol: string;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    // The URL carries credentials: never repeat it in a message that may reach a log.
    throw new Error('SMTP_URL is not a valid URL (expected smtp://user:pass@host:port or smtps://...)');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${protocol}//)`);
  }
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Built directly: given `{ url }`, createTransport keeps only what the URL says and drops the timeouts.
  const transport = lazyTransport((nodemailer, SMTP) =>
    nodemailer.createTransport(
      new SMTP({
        url: smtpUrl,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        dnsTimeout: timeout,
        socketTimeout: timeout * 2,
      }),
    ),
  );
  return {
    async send(msg) {
      const info = await (await transport.get()).sendMail(composeMail(options.from, msg));
      return { messageId: info.messageId };
    },
    close: transport.close,
  };
}

/** File-system-safe rendering of a Message-ID: `<link-123@vouch>` becomes `link-123@vouch`. */
function fileSafe(messageId: string): string {
  const safe = messageId
    .replace(/^<|>$/g, '')
    .replace(/[^A-Za-z0-9._@+-]/g, '_')
    .slice(0, 120);
  return safe || 'message';
}

/**
 * Development and single-host default: each message becomes one RFC 5322 `.eml` file (CRLF line ends) in
 * `outboxDir`, named `<UTC timestamp>-<sequence>-<message id>.eml` so a directory listing sorts by time.
 * The bytes go to a hidden `.tmp` file first and are renamed into place, so a reader never sees half a file.
 */
function outboxMailer(options: MailerOptions): Mailer {
  const transport = lazyTransport((nodemailer) => nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
  const files = outboxDir(options.outboxDir);
  return {
    async send(msg) {
      const info = await (await transport.get()).sendMail(composeMail(options.from, msg));
      const bytes = info.message;
      if (!Buffer.isBuffer(bytes)) throw new Error('Mail composer returned a stream instead of a buffer');
      return { messageId: info.messageId, file: await files.write(fileSafe(info.messageId), '.eml', bytes) };
    },
    close: transport.close,
  };
}
