import { foldName, mrzSpellings, mrzText, type MrzReading } from '../../../shared/mrz.ts';
import type { AamvaFields } from './aamva.ts';
import type { TextMatch } from './text-match.ts';

/**
 * The checks made from reading a document itself, each pass / fail / not-run with its reason (the same
 * shape as the ID report's checks). Not finding a zone or a barcode is `not-run`, never `fail`: a blurred
 * photo is not a forged one. What was read and disagrees is a high-risk `fail`.
 */
export type ReadingResult = 'pass' | 'fail' | 'not-run';
export interface ReadingCheck {
  name: string;
  result: ReadingResult;
  reason: string;
  highRisk: boolean;
}
export const READING_CHECK_NAMES = ['mrzFromImage', 'barcodeFromImage', 'documentText'] as const;

export const passed = (name: string, reason: string): ReadingCheck => ({ name, result: 'pass', reason, highRisk: false });
export const failed = (name: string, reason: string, highRisk = true): ReadingCheck => ({ name, result: 'fail', reason, highRisk });
export const notRun = (name: string, reason: string): ReadingCheck => ({ name, result: 'not-run', reason, highRisk: false });

export interface Person {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
}

/** The MRZ read from the photo, against the person on record and the expiry date the client entered. */
export function judgeMrzImage(mrz: MrzReading, person: Person, enteredExpiry: string | null): ReadingCheck {
  const name = 'mrzFromImage';
  const digits = mrz.invalid.filter((f) => /CheckDigit$/i.test(f));
  if (digits.length)
    return failed(name, `The zone read from the photo (${mrz.format}) has check digits that do not match: ${digits.join(', ')}`);
  const given = mrzText(mrz.firstName ?? '').split(' ')[0];
  const problems = [
    !mrzSpellings(person.lastName).includes(mrzText(mrz.lastName ?? '')) && 'last name',
    !mrzSpellings(person.firstName).some((f) => f.split(' ')[0] === given) && 'first name',
    person.dateOfBirth && mrz.dateOfBirth !== person.dateOfBirth && 'date of birth',
    enteredExpiry && mrz.expiryDate !== enteredExpiry && 'expiry date (as entered)',
  ].filter(Boolean);
  return problems.length
    ? failed(name, `The zone read from the photo disagrees on: ${problems.join(', ')}`)
    : passed(name, `${mrz.format} zone read from the photo: check digits match, name and dates agree`);
}

/** The licence's barcode, against the person on record and the entered document number and expiry date. */
export function judgeBarcode(b: AamvaFields, person: Person, entered: { number: string | null; expiryDate: string | null }): ReadingCheck {
  const name = 'barcodeFromImage';
  const same = (a: string | null, x: string | null) => !!a && !!x && foldName(a) === foldName(x);
  const problems = [
    !same(b.lastName, person.lastName) && 'last name',
    !(b.firstName && foldName(person.firstName).split(' ')[0] === foldName(b.firstName).split(' ')[0]) && 'first name',
    person.dateOfBirth && b.dateOfBirth !== person.dateOfBirth && 'date of birth',
    entered.expiryDate && b.expiryDate !== entered.expiryDate && 'expiry date (as entered)',
    entered.number &&
      b.documentNumber?.replace(/[\s-]/g, '').toUpperCase() !== entered.number.replace(/[\s-]/g, '').toUpperCase() &&
      'document number (as entered)',
  ].filter(Boolean);
  return problems.length
    ? failed(name, `The licence's PDF417 barcode disagrees on: ${problems.join(', ')}`)
    : passed(name, `PDF417 barcode (AAMVA${b.version !== null ? ` version ${b.version}` : ''}): name, dates and number agree`);
}

/** Thresholds a document's text must reach: every word of the name, half the organization's words. */
export const TEXT_THRESHOLDS = { name: 1, organization: 0.5 } as const;

export function judgeText(m: TextMatch, hasOrganization: boolean): ReadingCheck {
  const name = 'documentText';
  const missing = m.name.words.filter((w) => w.line === null).map((w) => w.word);
  if (m.name.score < TEXT_THRESHOLDS.name)
    return failed(name, `The document's text does not show the name: ${missing.join(', ')} not found`, false);
  if (hasOrganization && m.organization.score < TEXT_THRESHOLDS.organization)
    return failed(
      name,
      `The document's text shows the name but not the organization (${Math.round(m.organization.score * 100)}% of its words)`,
      false,
    );
  return passed(name, `The name${hasOrganization ? ' and the organization' : ''} appear in the document's text (score ${m.score})`);
}
