import { parseCalendarDate } from '../../../shared/dates.ts';
import { dayRange, lastValue } from '../../../shared/query-values.ts';
/**
 * The explorer's filters as a query string carries them, checked: program, current step, dates from and to
 * (calendar days in UTC, both included), test mode, and where the page starts. Pure: no I/O.
 */

export interface ExplorerFilter {
  programId?: string;
  step?: string;
  /** As typed (YYYY-MM-DD), for the form to show again. */
  fromDay?: string;
  toDay?: string;
  testMode?: boolean;
  before?: { at: Date; id: string };
}

export type Checked = { ok: true; filter: ExplorerFilter } | { ok: false; problem: string };

const PROGRAM = /^[0-9a-f]{24}$/;
const STEP = /^[A-Za-z]{1,60}$/;
const CURSOR = /^(\d{1,15})\.([0-9a-f]{24})$/;

/** A calendar day as the instant it starts (UTC), or null when it is no real day. */
export const dayStart = (day: string): Date | null => parseCalendarDate(day) ?? null;

export function parseFilter(query: unknown): Checked {
  const q = (query ?? {}) as Record<string, unknown>;
  const filter: ExplorerFilter = {};
  const program = lastValue(q, 'program');
  if (program) {
    if (!PROGRAM.test(program)) return { ok: false, problem: `'${program.slice(0, 40)}' is not a program id` };
    filter.programId = program;
  }
  const step = lastValue(q, 'step');
  if (step) {
    if (!STEP.test(step)) return { ok: false, problem: `'${step.slice(0, 40)}' is not a step` };
    filter.step = step;
  }
  const days = dayRange(q);
  if ('problem' in days) return { ok: false, problem: days.problem };
  Object.assign(filter, days);
  const test = lastValue(q, 'test');
  if (test) {
    if (test !== 'yes' && test !== 'no') return { ok: false, problem: "Test mode must be 'yes' or 'no'" };
    filter.testMode = test === 'yes';
  }
  const before = lastValue(q, 'before');
  if (before) {
    const m = CURSOR.exec(before);
    if (!m) return { ok: false, problem: 'This page link is damaged: start again from the first page' };
    filter.before = { at: new Date(Number(m[1])), id: m[2] };
  }
  return { ok: true, filter };
}

/** The instants the store filters by: from the start of the from day, to the end of the to day. */
export function range(f: ExplorerFilter): { from?: Date; to?: Date } {
  const from = f.fromDay ? dayStart(f.fromDay)! : undefined;
  const to = f.toDay ? new Date(dayStart(f.toDay)!.getTime() + 86_400_000) : undefined;
  return { from, to };
}

/** The query string of a filter (without the page), for links that keep it. */
export function filterQuery(f: ExplorerFilter): string {
  const q = new URLSearchParams();
  if (f.programId) q.set('program', f.programId);
  if (f.step) q.set('step', f.step);
  if (f.fromDay) q.set('from', f.fromDay);
  if (f.toDay) q.set('to', f.toDay);
  if (f.testMode !== undefined) q.set('test', f.testMode ? 'yes' : 'no');
  return q.toString();
}

export const encodeBefore = (row: { created_at: Date; id: string }) => `${row.created_at.getTime()}.${row.id}`;
