import { parse as parseMrz } from 'mrz';
import { parseCalendarDate } from './dates.ts';

// The machine-readable zone of passports and ID cards (ICAO 9303: TD1, TD2, TD3), read from its text, and
// the ways it spells a person's name. Client ID reports and the eligibility ID check both compare it with
// what a person is known by.

/** What the machine-readable zone says, when it could be read. */
export interface MrzReading {
  valid: boolean;
  format: string;
  documentNumber: string | null;
  lastName: string | null;
  firstName: string | null;
  dateOfBirth: string | null;
  expiryDate: string | null;
  nationality: string | null;
  issuingState: string | null;
  invalid: string[];
}

/**
 * Folds a name for comparing two spellings a person typed: letters of any script, without accents or case,
 * one space between parts (a name in Cyrillic or Han stays itself, so a change of it is seen).
 */
export const foldName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();

// ICAO Doc 9303 part 3: letters an MRZ writes as two Latin letters, with the one-letter form it also allows.
const MRZ_LETTERS: Record<string, [string, string]> = {
  Ä: ['AE', 'A'],
  Ö: ['OE', 'O'],
  Ü: ['UE', 'U'],
  Å: ['AA', 'A'],
  Æ: ['AE', 'AE'],
  Ø: ['OE', 'OE'],
  Œ: ['OE', 'OE'],
  ẞ: ['SS', 'SS'],
  Þ: ['TH', 'TH'],
  Ł: ['L', 'L'],
  Đ: ['D', 'D'],
  Ð: ['D', 'D'],
  Ħ: ['H', 'H'],
  Ŧ: ['T', 'T'],
  Ĳ: ['IJ', 'IJ'],
};
const MRZ_SPECIAL = new RegExp(`[${Object.keys(MRZ_LETTERS).join('')}]`, 'g');

/** A-Z and single spaces, as an MRZ name reads once its fillers are spaces. */
export const mrzText = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();

/**
 * The ways an MRZ may spell a name: apostrophes left out (O'Brien is OBRIEN), hyphens as spaces, Ü as UE
 * or U, Ø as OE, Ł as L, other accents dropped. A name in another script has no spelling here.
 */
export function mrzSpellings(name: string): string[] {
  const upper = name
    .normalize('NFC')
    .toUpperCase()
    .replace(/['\u2019\u02bc`]/g, '');
  const forms = [0, 1].map((i) => mrzText(upper.replace(MRZ_SPECIAL, (c) => MRZ_LETTERS[c][i])));
  return [...new Set(forms)].filter((f) => f !== '');
}

/**
 * `YYMMDD` to a date; birth dates are never in the future, expiry dates are read within a century from 2000.
 * A day that does not exist (check digits do not catch 300230) reads as no date.
 */
function mrzDate(v: string | null, kind: 'birth' | 'expiry', today: string): string | null {
  if (!v || !/^\d{6}$/.test(v)) return null;
  const yy = Number(v.slice(0, 2));
  let year = 2000 + yy;
  if (kind === 'birth' && `${year}-${v.slice(2, 4)}-${v.slice(4, 6)}` > today) year -= 100;
  if (kind === 'expiry' && yy >= 70) year -= 100;
  const date = `${year}-${v.slice(2, 4)}-${v.slice(4, 6)}`;
  return parseCalendarDate(date) ? date : null;
}

export function readMrz(text: string, today: string): MrzReading | null {
  let r;
  try {
    r = parseMrz(text.split('\n'));
  } catch {
    return null;
  }
  const f = r.fields as Record<string, string | null>;
  const invalid = r.details.filter((d) => !d.valid).map((d) => d.field ?? d.label);
  return {
    valid: r.valid,
    format: r.format,
    documentNumber: f.documentNumber ?? null,
    lastName: f.lastName ?? null,
    firstName: f.firstName ?? null,
    dateOfBirth: mrzDate(f.birthDate ?? null, 'birth', today),
    expiryDate: mrzDate(f.expirationDate ?? null, 'expiry', today),
    nationality: f.nationality ?? null,
    issuingState: f.issuingState ?? null,
    invalid: invalid.map(String),
  };
}
