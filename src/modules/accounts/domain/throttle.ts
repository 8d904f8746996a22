/**
 * Sliding-window limits on failed sign-ins and on password-reset requests. The store keeps one row per
 * counted event; this file decides, from the times of a key's events, whether the next attempt must wait
 * and for how long. Past its limit a key waits until enough of its events leave the window.
 */
export interface ThrottleRule {
  /** Events allowed within the window; the next one is refused. */
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** Failed sign-ins, by the email address tried (so unknown and known addresses behave alike) and by client address. */
export const SIGN_IN_RULES = {
  login: { limit: 5, windowMs: 15 * MINUTE },
  address: { limit: 20, windowMs: 15 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

/** Password-reset requests: refused per client address; per email address, mails beyond the limit are not sent. */
export const RESET_RULES = {
  address: { limit: 10, windowMs: 15 * MINUTE },
  email: { limit: 3, windowMs: 60 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

/** The longest window of any rule: rows older than this count for nothing. */
export const LONGEST_WINDOW_MS = Math.max(...[...Object.values(SIGN_IN_RULES), ...Object.values(RESET_RULES)].map((r) => r.windowMs));

/**
 * Seconds to wait before the next attempt (at least 1), or null when it may go ahead. `events` are the
 * times of the key's counted events, in any order; those outside the window at `now` are ignored.
 */
export function retryAfterSeconds(events: readonly Date[], now: Date, rule: ThrottleRule): number | null {
  const from = now.getTime() - rule.windowMs;
  const inWindow = events
    .map((d) => d.getTime())
    .filter((t) => t > from && t <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < rule.limit) return null;
  // The attempt may go ahead once the window holds limit - 1 events: when this one leaves it.
  const freedAt = inWindow[inWindow.length - rule.limit] + rule.windowMs;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}
