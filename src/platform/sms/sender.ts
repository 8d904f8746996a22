import { randomBytes } from 'node:crypto';
import { outboxDir } from '../files/outbox-dir.ts';
import { checkMessage, SmsError, type SmsSender } from './message.ts';
import { parseSmsUrl, twilioSender } from './twilio.ts';

export interface SmsSenderOptions {
  /** `twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=%2B15550001111` (see twilio.ts); without it messages go to `outboxDir`. */
  smsUrl?: string;
  outboxDir: string;
  /** How long one request to the provider may take, in milliseconds (default 10 s). */
  timeoutMs?: number;
}

export function createSmsSender(options: SmsSenderOptions): SmsSender {
  return options.smsUrl ? twilioSender(parseSmsUrl(options.smsUrl), options.timeoutMs ?? 10_000) : outboxSender(options.outboxDir);
}

/**
 * Development and single-host default: each message becomes one small text file in `outboxDir`, named
 * `<UTC timestamp>-<sequence>-<id>.txt` so a listing sorts by time: a `To:` and a `Date:` line, a blank
 * line, then the text. Written to a hidden `.tmp` file first and renamed, so a reader never sees half a message.
 */
function outboxSender(dir: string): SmsSender {
  const files = outboxDir(dir);
  return {
    async send(msg) {
      checkMessage(msg);
      try {
        const id = randomBytes(8).toString('hex');
        const file = await files.write(id, '.txt', `To: ${msg.to}\nDate: ${new Date().toISOString()}\n\n${msg.body}\n`);
        return { id, file };
      } catch (err) {
        throw new SmsError(
          'failed',
          `The text message could not be written to the outbox: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
    },
  };
}
