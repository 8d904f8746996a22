import { parseCalendarDate } from '../../../shared/dates.ts';
import type { ReportRequest } from '../../eligibility-reports/index.ts';

/** The report form as typed: kept to show it again with a refusal. */
export interface ReportFormValues {
  startDate: string;
  endDate: string;
  mode: 'LIVE' | 'TEST' | 'ALL';
  programIds: string[];
}

export const MODES = [
  ['LIVE', 'Live verifications'],
  ['TEST', 'Test-mode verifications'],
  ['ALL', 'Both'],
] as const;

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** The form's values: dates as typed, the mode, the programs ticked (`program.<id>` boxes among the account's). */
export function reportFormValues(body: unknown, programIds: readonly string[]): ReportFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const mode = text(b, 'mode');
  return {
    startDate: text(b, 'startDate'),
    endDate: text(b, 'endDate'),
    mode: mode === 'TEST' || mode === 'ALL' ? mode : 'LIVE',
    programIds: programIds.filter((id) => text(b, `program.${id}`) !== ''),
  };
}

/**
 * The API's request for the form's values, or what to mend: both days are needed (the form states its
 * range rather than leaning on the API's 30-day default), and the range must hold at least one day.
 * No program ticked means every program, as in the API.
 */
export function reportRequestOf(v: ReportFormValues): { ok: true; request: ReportRequest } | { ok: false; problem: string } {
  if (v.startDate === '' || v.endDate === '') return { ok: false, problem: 'Enter both a first and a last day for the report.' };
  const start = parseCalendarDate(v.startDate);
  const end = parseCalendarDate(v.endDate);
  if (!start || !end) return { ok: false, problem: 'Enter the days as dates (YYYY-MM-DD).' };
  if (start > end) return { ok: false, problem: 'The first day must not be after the last day: that range is empty.' };
  return {
    ok: true,
    request: {
      format: 'CSV',
      startDate: v.startDate,
      endDate: v.endDate,
      verificationModeInclusion: v.mode,
      ...(v.programIds.length ? { programIds: v.programIds } : {}),
    },
  };
}
