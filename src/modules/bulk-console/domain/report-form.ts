import { parseCalendarDate } from '../../../shared/dates.ts';
import type { ReportRequest } from '../../eligibility-reports/index.ts';

/** The report form as typed: kept to show it again with a refusal. */
export interface ReportFormValues {
  startDate: string;
  endDate: string;
  mode: 'LIVE' | 'TEST' | 'ALL';
  programIds: string[];
  /** The fixed columns ticked (`column.<heading>` boxes), in the report's order. */
  columns: string[];
  /** Metadata keys to give a column each, as typed (comma-separated; empty: every key found). */
  metadata: string;
}

/** A report's fixed columns by scope: the standard ones and the person's (personal data). */
export interface ReportColumns {
  standard: readonly string[];
  person: readonly string[];
}

export const MODES = [
  ['LIVE', 'Live verifications'],
  ['TEST', 'Test-mode verifications'],
  ['ALL', 'Both'],
] as const;

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** The form's values: dates as typed, the mode, the programs and columns ticked (`program.<id>`, `column.<heading>` boxes). */
export function reportFormValues(body: unknown, programIds: readonly string[], columns: ReportColumns): ReportFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const mode = text(b, 'mode');
  return {
    startDate: text(b, 'startDate'),
    endDate: text(b, 'endDate'),
    mode: mode === 'TEST' || mode === 'ALL' ? mode : 'LIVE',
    programIds: programIds.filter((id) => text(b, `program.${id}`) !== ''),
    columns: [...columns.standard, ...columns.person].filter((c) => text(b, `column.${c}`) !== ''),
    metadata: text(b, 'metadata'),
  };
}

/**
 * The API's request for the form's values, or what to mend: both days are needed (the form states its
 * range rather than leaning on the API's 30-day default), and the range must hold at least one day.
 * No program ticked means every program, as in the API; at least one column must be ticked.
 */
export function reportRequestOf(
  v: ReportFormValues,
  columns: ReportColumns,
): { ok: true; request: ReportRequest } | { ok: false; problem: string } {
  if (v.startDate === '' || v.endDate === '') return { ok: false, problem: 'Enter both a first and a last day for the report.' };
  const start = parseCalendarDate(v.startDate);
  const end = parseCalendarDate(v.endDate);
  if (!start || !end) return { ok: false, problem: 'Enter the days as dates (YYYY-MM-DD).' };
  if (start > end) return { ok: false, problem: 'The first day must not be after the last day: that range is empty.' };
  if (v.columns.length === 0) return { ok: false, problem: 'Tick at least one column for the report.' };
  // Every column ticked is the API's default (no selection sent); otherwise the ticked ones, by scope.
  const all = v.columns.length === columns.standard.length + columns.person.length;
  const metadataFields = v.metadata
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  return {
    ok: true,
    request: {
      format: 'CSV',
      startDate: v.startDate,
      endDate: v.endDate,
      verificationModeInclusion: v.mode,
      ...(v.programIds.length ? { programIds: v.programIds } : {}),
      ...(all
        ? {}
        : {
            standardFields: v.columns.filter((c) => columns.standard.includes(c)),
            personFields: v.columns.filter((c) => columns.person.includes(c)),
          }),
      ...(metadataFields.length ? { metadataFields } : {}),
    },
  };
}
