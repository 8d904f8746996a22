/**
 * When to try again after a failed attempt: about three days in all, the first retries close together
 * (most failures are a restart or a deploy), then every 10 hours. After the last one the delivery is dead.
 */
export const RETRY_SCHEDULE_SECONDS = [
  5,
  5 * 60,
  30 * 60,
  2 * 3600,
  5 * 3600,
  10 * 3600,
  10 * 3600,
  10 * 3600,
  10 * 3600,
  10 * 3600,
  10 * 3600,
  10 * 3600,
] as const;
/** A receiver asking for more time (429 Retry-After) gets it, up to a day. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

export interface AttemptOutcome {
  /** The HTTP status answered, absent when no answer came (timeout, refused connection, guarded address). */
  statusCode?: number;
  /** Seconds asked for by a 429 or 503 `Retry-After`. */
  retryAfterSeconds?: number;
}

export type Verdict = { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'dead'; reason: 'exhausted' | 'gone' };

/** What follows an attempt, given how many attempts (including this one) have been made. */
export function judge(outcome: AttemptOutcome, attempts: number, now: Date): Verdict {
  const code = outcome.statusCode;
  if (code !== undefined && code >= 200 && code < 300) return { kind: 'delivered' };
  if (code === 410) return { kind: 'dead', reason: 'gone' };
  if (attempts > RETRY_SCHEDULE_SECONDS.length) return { kind: 'dead', reason: 'exhausted' };
  const scheduled = RETRY_SCHEDULE_SECONDS[attempts - 1];
  const asked =
    (code === 429 || code === 503) && outcome.retryAfterSeconds !== undefined
      ? Math.min(outcome.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS)
      : undefined;
  return { kind: 'retry', at: new Date(now.getTime() + (asked ?? scheduled) * 1000) };
}

// The three HTTP-date forms of RFC 9110 section 5.6.7. Only these: `Date.parse` alone takes "1.5" or "-5"
// for a date in the past (no wait at all) and reads a date without a zone in the server's own.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ( \d|\d{2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/;

/** An HTTP date as milliseconds since the epoch (always GMT), or NaN. */
function httpDate(text: string): number {
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) return Date.parse(text);
  const asctime = ASCTIME_DATE.exec(text);
  return asctime ? Date.parse(`${asctime[2].trim()} ${asctime[1]} ${asctime[4]} ${asctime[3]} GMT`) : Number.NaN;
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = httpDate(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
