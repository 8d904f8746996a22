import { parseCalendarDate } from '../../../shared/dates.ts';
import { dayRange, lastValue } from '../../../shared/query-values.ts';
/**
 * The audit page's filters as a query string carries them, checked: action, actor (a person's email or an
 * actor id), subject id, dates from and to (calendar days in UTC, both included), and where the page
 * starts. Pure: no I/O.
 */

export interface AuditFilter {
  action?: string;
  /** As typed: an email (looked up among the account's people) or an actor id. */
  actor?: string;
  subject?: string;
  /** As typed (YYYY-MM-DD), for the form to show again. */
  fromDay?: string;
  toDay?: string;
  /** The previous page's cursor (an entry id). */
  before?: string;
}

export type Checked = { ok: true; filter: AuditFilter } | { ok: false; problem: string };

const TEXT = /^[^\u0000-\u001f\u007f]{1,200}$/;
const CURSOR = /^[1-9][0-9]{0,15}$/;

/** A calendar day as the instant it starts (UTC), or null when it is no real day. */
export const dayStart = (day: string): Date | null => parseCalendarDate(day) ?? null;

const WORDS = { action: 'action', actor: 'actor', subject: 'subject' } as const;

export function parseAuditFilter(query: unknown): Checked {
  const q = (query ?? {}) as Record<string, unknown>;
  const filter: AuditFilter = {};
  for (const name of ['action', 'actor', 'subject'] as const) {
    const v = lastValue(q, name);
    if (!v) continue;
    if (!TEXT.test(v)) return { ok: false, problem: `The ${WORDS[name]} must be up to 200 characters of text` };
    filter[name] = v;
  }
  const days = dayRange(q);
  if ('problem' in days) return { ok: false, problem: days.problem };
  Object.assign(filter, days);
  const before = lastValue(q, 'before');
  if (before) {
    if (!CURSOR.test(before)) return { ok: false, problem: 'The page link is not valid; start again from the first page' };
    filter.before = before;
  }
  return { ok: true, filter };
}

/** The query string that keeps the filter (without the page) from page to page and into the export. */
export function filterQuery(f: AuditFilter): string {
  const q = new URLSearchParams();
  if (f.action) q.set('action', f.action);
  if (f.actor) q.set('actor', f.actor);
  if (f.subject) q.set('subject', f.subject);
  if (f.fromDay) q.set('from', f.fromDay);
  if (f.toDay) q.set('to', f.toDay);
  return q.toString();
}

/** The instants the audit module's query takes: from the start of the first day to the end of the last. */
export function instants(f: AuditFilter): { from?: string; to?: string } {
  const from = f.fromDay ? dayStart(f.fromDay) : null;
  const to = f.toDay ? dayStart(f.toDay) : null;
  return {
    from: from?.toISOString(),
    to: to ? new Date(to.getTime() + 86_400_000).toISOString() : undefined,
  };
}
