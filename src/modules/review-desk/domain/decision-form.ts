import { REJECTION_REASONS } from '../../eligibility-terms/index.ts';

/**
 * The review desk's decision forms, read from their fields (an object of strings, the last of repeated
 * names). Reasons come as one checkbox each (`reason.<CODE>`), so no name repeats. Pure: no I/O.
 */

export type FormFields = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Free text of at most `max` characters: any control character but line feed, carriage return and tab refused. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NOTE_MAX = 2000;
const REASON_MAX = 1000;

const text = (fields: FormFields, name: string): string => {
  const v = fields[name];
  return typeof v === 'string' ? v : '';
};

function freeText(value: string, max: number, what: string): Parsed<string | null> {
  const v = value.replace(/\r\n?/g, '\n').trim();
  if (v.length > max) return { ok: false, problem: `The ${what} is longer than ${max} characters` };
  if (CONTROL.test(v)) return { ok: false, problem: `The ${what} holds characters that cannot be kept` };
  return { ok: true, value: v || null };
}

const decisionOf = (fields: FormFields): Parsed<'APPROVE' | 'REJECT'> => {
  const d = text(fields, 'decision');
  return d === 'APPROVE' || d === 'REJECT' ? { ok: true, value: d } : { ok: false, problem: 'Choose Approve or Reject' };
};

export interface DocumentDecisionForm {
  decision: 'APPROVE' | 'REJECT';
  rejectionReasons: string[];
  note: string | null;
  attempt: number;
}

/**
 * An eligibility document decision: a rejection needs at least one reason from the catalog the review API
 * accepts, an approval none (checked boxes are refused rather than dropped, so nothing is decided that the
 * reviewer did not see); a note is kept beside the decision.
 */
export function parseDocumentDecision(fields: FormFields): Parsed<DocumentDecisionForm> {
  const decision = decisionOf(fields);
  if (!decision.ok) return decision;
  const checked = Object.keys(fields)
    .filter((k) => k.startsWith('reason.') && text(fields, k) !== '')
    .map((k) => k.slice('reason.'.length));
  const unknown = checked.find((r) => !(REJECTION_REASONS as readonly string[]).includes(r));
  if (unknown !== undefined) return { ok: false, problem: `'${unknown.slice(0, 60)}' is not a rejection reason` };
  const reasons = REJECTION_REASONS.filter((r) => checked.includes(r));
  if (decision.value === 'REJECT' && reasons.length === 0)
    return { ok: false, problem: 'Choose at least one reason to reject the documents' };
  if (decision.value === 'APPROVE' && reasons.length > 0)
    return { ok: false, problem: 'Rejection reasons are checked: uncheck them to approve, or reject the documents' };
  const note = freeText(text(fields, 'note'), NOTE_MAX, 'note');
  if (!note.ok) return note;
  const attempt = Number(text(fields, 'attempt'));
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > 100)
    return { ok: false, problem: 'The form does not say which attempt it decides; reload the page' };
  return { ok: true, value: { decision: decision.value, rejectionReasons: [...reasons], note: note.value, attempt } };
}

export interface ReportDecisionForm {
  decision: 'APPROVE' | 'REJECT';
  reason: string | null;
}

/** A client ID report decision: a reason is required to reject (the client-request API's rule), optional to approve. */
export function parseReportDecision(fields: FormFields): Parsed<ReportDecisionForm> {
  const decision = decisionOf(fields);
  if (!decision.ok) return decision;
  const reason = freeText(text(fields, 'reason'), REASON_MAX, 'reason');
  if (!reason.ok) return reason;
  if (decision.value === 'REJECT' && !reason.value) return { ok: false, problem: 'Say why the report is rejected: a reason is required' };
  return { ok: true, value: { decision: decision.value, reason: reason.value } };
}

/** A reason code in words: DOCUMENT_EXPIRED → "Document expired". */
export const reasonLabel = (code: string) => {
  const words = code.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
