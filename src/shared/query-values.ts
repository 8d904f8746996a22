import { parseCalendarDate } from './dates.ts';

/**
 * One value of a parsed query string or form (`?a=1&a=2` parses as an array): the last one sent, trimmed;
 * '' when absent or not text. Pages read their filters with it, so a repeated parameter is never an error.
 */
export function lastValue(source: unknown, name: string): string {
  const v = (source as Record<string, unknown> | undefined)?.[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.trim() : '';
}

/**
 * The `from` and `to` days (YYYY-MM-DD) of a filter, each optional; or the sentence saying why they cannot be
 * read (not a real day, or `from` after `to`).
 */
export function dayRange(source: unknown): { fromDay?: string; toDay?: string } | { problem: string } {
  const range: { fromDay?: string; toDay?: string } = {};
  for (const [name, key] of [
    ['from', 'fromDay'],
    ['to', 'toDay'],
  ] as const) {
    const day = lastValue(source, name);
    if (!day) continue;
    if (!parseCalendarDate(day)) return { problem: `The ${name} date must be a date such as 2026-03-24` };
    range[key] = day;
  }
  if (range.fromDay && range.toDay && range.fromDay > range.toDay) return { problem: 'The from date is after the to date' };
  return range;
}
