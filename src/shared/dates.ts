import { z } from 'zod';
import { isoDate } from './clock.ts';

/**
 * The one reading of the dates the API takes, whichever dialect they come in. Zod's ISO formats are
 * calendar-aware (2000-02-29 is a day, 2000-02-30 and 2001-02-29 are not), unlike `Date.parse`, which
 * rolls 2000-02-30 over to 1 March. Routes with a Zod schema use the schemas; hand-written checks use
 * the functions, which apply the same schemas.
 */

/** `YYYY-MM-DD`, a day that exists. */
export const calendarDate = z.iso.date();

/** An RFC 3339 date-time with seconds and a zone (`Z` or `+05:30`), on a day that exists. */
export const instant = z.iso.datetime({ offset: true });

/** The day as a UTC midnight, or undefined when `value` is not a calendar date. */
export function parseCalendarDate(value: unknown): Date | undefined {
  return calendarDate.safeParse(value).success ? new Date(`${value as string}T00:00:00Z`) : undefined;
}

/** The moment, or undefined when `value` is not an RFC 3339 date-time. */
export function parseInstant(value: unknown): Date | undefined {
  return instant.safeParse(value).success ? new Date(value as string) : undefined;
}

/**
 * The earliest date of a person's past the API takes (SheerID's documented floor for birth dates): an
 * earlier one is a typing slip, not a living person's birth.
 */
export const EARLIEST_PAST_DATE = '1900-01-01';

export type PastDateProblem = 'invalid' | 'tooEarly' | 'future';

/**
 * A day of a person's past (a birth, a discharge): a calendar date from 1900-01-01 up to today, where
 * today is the UTC date of `now` from the caller's clock. Answers what is wrong, or null.
 */
export function checkPastDate(value: unknown, now: Date): PastDateProblem | null {
  if (typeof value !== 'string' || !calendarDate.safeParse(value).success) return 'invalid';
  if (value < EARLIEST_PAST_DATE) return 'tooEarly';
  return value > isoDate(now) ? 'future' : null;
}

/** Whether `name` is a time zone this runtime knows (IANA names such as `America/Toronto`, and `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
