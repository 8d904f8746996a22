import { checkMessage, SmsError, type SmsSender } from './message.ts';

/** Where and as whom messages go, read from SMS_URL. */
export interface TwilioTarget {
  /** `https://api.twilio.com`, or an http:// base for a local stand-in (`twilio+http://`). */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** The sender: a phone number (`From`) or a Messaging Service (`MessagingServiceSid`), exactly one. */
  sender: { from: string } | { messagingServiceSid: string };
}

const SCHEMES: Record<string, 'https' | 'http'> = { 'twilio:': 'https', 'twilio+http:': 'http' };
const OPTIONS = new Set(['from', 'messagingServiceSid']);
const EXPECTED = 'twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=%2B15550001111 (or ?messagingServiceSid=MG...)';

function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`SMS_URL: the ${what} is not valid percent-encoding`);
  }
}

/**
 * Reads SMS_URL: `twilio://` speaks HTTPS to the host named, `twilio+http://` plain HTTP (a local stand-in
 * of the API, for development and tests). The account SID and auth token are the URL's user and password;
 * `from` (a number in E.164 form, `+` written `%2B`, or an alphanumeric sender id) or `messagingServiceSid`
 * names the sender. Errors never repeat the token.
 */
export function parseSmsUrl(raw: string): TwilioTarget {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`SMS_URL is not a URL; expected ${EXPECTED}`);
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) throw new Error(`SMS_URL must start with twilio:// (or twilio+http:// for a local stand-in), got ${url.protocol}//`);
  if (!url.hostname) throw new Error(`SMS_URL names no host; expected ${EXPECTED}`);
  if (url.pathname !== '' && url.pathname !== '/') throw new Error('SMS_URL must have no path after the host (the API path is added)');
  if (url.hash) throw new Error('SMS_URL must have no #fragment');
  const accountSid = decoded(url.username, 'account SID');
  const authToken = decoded(url.password, 'auth token');
  if (!accountSid || !authToken) throw new Error(`SMS_URL must carry the account SID and auth token as user and password: ${EXPECTED}`);
  if (!/^[A-Za-z0-9]+$/.test(accountSid)) throw new Error('SMS_URL: the account SID must be letters and digits (AC...)');
  for (const key of url.searchParams.keys()) {
    if (!OPTIONS.has(key)) throw new Error(`SMS_URL has an unknown option '${key}'; known: ${[...OPTIONS].join(', ')}`);
  }
  const from = url.searchParams.get('from')?.trim();
  const service = url.searchParams.get('messagingServiceSid')?.trim();
  if (!from === !service) throw new Error('SMS_URL must name the sender with exactly one of ?from= or ?messagingServiceSid=');
  // An alphanumeric sender id holds a letter; digits alone are a number whose + was sent unencoded (read as a space).
  if (from && !/^\+[1-9][0-9]{6,14}$/.test(from) && !(/^[A-Za-z0-9 ]{1,11}$/.test(from) && /[A-Za-z]/.test(from)))
    throw new Error(
      `SMS_URL: from must be a phone number in E.164 form (write + as %2B: from=%2B15550001111) or an alphanumeric sender id of at most 11 characters, got '${from}'`,
    );
  return {
    baseUrl: `${scheme}://${url.host}`,
    accountSid,
    authToken,
    sender: from ? { from } : { messagingServiceSid: service! },
  };
}

/** Twilio error codes that say the recipient cannot receive the message (invalid, unreachable, not mobile, opted out). */
const RECIPIENT_CODES = new Set([21211, 21610, 21612, 21614]);

/** Twilio's own sentence, without anything that may be a phone number (it repeats the `To` number). */
const withoutNumbers = (text: string) => text.replace(/\+?[0-9][0-9 ()./-]{4,}[0-9]/g, '[number]').slice(0, 300);

/** A failed request's description; never the credentials (they are not in the URL) nor the recipient. */
function failure(err: unknown, timeoutMs: number): SmsError {
  const e = err as Error & { cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new SmsError('failed', `Twilio did not answer within ${timeoutMs} ms`);
  return new SmsError('failed', `Twilio could not be reached (${e.cause?.code ?? e.message})`);
}

/**
 * Twilio's Messages API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`,
 * `From` (or `MessagingServiceSid`) and `Body`, HTTP basic auth with the account SID and auth token. A
 * 2xx answer holding the message's `sid` is a message accepted; anything else is an SmsError. The whole
 * exchange (connecting, the answer and its body) is bounded by `timeoutMs`; redirects are not followed.
 */
export function twilioSender(target: TwilioTarget, timeoutMs: number): SmsSender {
  const endpoint = `${target.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(target.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${target.accountSid}:${target.authToken}`).toString('base64')}`;
  return {
    async send(msg) {
      checkMessage(msg);
      const form = new URLSearchParams({ To: msg.to });
      if ('from' in target.sender) form.set('From', target.sender.from);
      else form.set('MessagingServiceSid', target.sender.messagingServiceSid);
      form.set('Body', msg.body);
      let status: number;
      let text: string;
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        text = await res.text();
      } catch (err) {
        throw failure(err, timeoutMs);
      }
      let answer: { sid?: unknown; code?: unknown; message?: unknown } = {};
      try {
        answer = JSON.parse(text) ?? {};
      } catch {
        /* not JSON: described below */
      }
      if (status >= 200 && status < 300) {
        if (typeof answer.sid === 'string' && answer.sid) return { id: answer.sid };
        throw new SmsError('failed', `Twilio answered ${status} without a message sid`);
      }
      const code = typeof answer.code === 'number' ? answer.code : null;
      const said = typeof answer.message === 'string' ? `: ${withoutNumbers(answer.message)}` : '';
      throw new SmsError(
        code !== null && RECIPIENT_CODES.has(code) ? 'recipientRefused' : 'failed',
        `Twilio refused the message (HTTP ${status}${code !== null ? `, error ${code}` : ''})${said}`,
      );
    },
  };
}
