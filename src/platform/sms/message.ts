export interface SmsMessage {
  /** One phone number in E.164 form (`+15550001111`); anything else is refused before it is sent. */
  to: string;
  /** The text; at most 1600 characters (what the providers take in one request). */
  body: string;
}

export interface SmsSent {
  /** The provider's id of the message (Twilio's `SM...` sid), or the outbox file's id. */
  id: string;
  /** Outbox only: the file that holds the message. */
  file?: string;
}

/** Sends text messages; resolves once the provider accepted the message (or its file is in place), rejects with an SmsError otherwise. */
export interface SmsSender {
  send(msg: SmsMessage): Promise<SmsSent>;
}

/**
 * Why a message was not sent:
 * - `invalidMessage`: the number is not E.164 or the text is empty or too long (nothing was tried);
 * - `recipientRefused`: the provider says the number cannot receive it (not a valid, reachable or mobile number);
 * - `failed`: the provider refused otherwise (credentials, sender, its own limits), did not answer in time,
 *   or could not be reached; or the outbox could not be written.
 * The message never holds the credentials nor the recipient's number: it may reach a log.
 */
export class SmsError extends Error {
  constructor(
    readonly reason: 'invalidMessage' | 'recipientRefused' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

export const MAX_SMS_LENGTH = 1600;
const E164 = /^\+[1-9][0-9]{6,14}$/;

/** The message as a sender takes it, or the SmsError saying why not (the number is not repeated). */
export function checkMessage(msg: SmsMessage): void {
  if (typeof msg.to !== 'string' || !E164.test(msg.to))
    throw new SmsError('invalidMessage', 'The recipient is not a phone number in E.164 form');
  if (typeof msg.body !== 'string' || msg.body.trim() === '') throw new SmsError('invalidMessage', 'The message text is empty');
  if (msg.body.length > MAX_SMS_LENGTH)
    throw new SmsError('invalidMessage', `The message text is longer than ${MAX_SMS_LENGTH} characters`);
}
