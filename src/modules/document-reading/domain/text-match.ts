import { foldName } from '../../../shared/mrz.ts';

/**
 * What the text of an eligibility document (read by OCR, or from a PDF's text layer) says about what the
 * person submitted: whether their name and their organization's name appear, which words matched on which
 * line, and the dates written in it (English and French ways of writing them).
 */
export interface WordMatch {
  /** The submitted word (folded: capitals, no accents). */
  word: string;
  /** Where it was found: the line's index and the word as read, or null when it was not found. */
  line: number | null;
  read: string | null;
  /** 0 when read exactly, 1 when one letter differs (an OCR slip), null when not found. */
  distance: number | null;
}
export interface FoundDate {
  text: string;
  date: string;
  line: number;
}
export interface TextMatch {
  name: { score: number; words: WordMatch[] };
  organization: { score: number; words: WordMatch[] };
  dates: FoundDate[];
  /** 0 to 1: the name counts for 60%, the organization for 40%. */
  score: number;
}

/** Words too common in organization names to count as evidence of one. */
const COMMON = new Set(
  'OF THE AND AT IN FOR DE DU DES LA LE LES ET L D A AU AUX UNIVERSITY UNIVERSITE COLLEGE SCHOOL ECOLE INC LTD LLC'.split(' '),
);

function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = keep;
    }
  }
  return prev[b.length];
}

function matchWords(wanted: string[], lines: string[][]): { score: number; words: WordMatch[] } {
  const words = wanted.map((word): WordMatch => {
    // A slip of one letter is allowed in words of five letters or more (short words must be exact).
    const max = word.length >= 5 ? 1 : 0;
    let found: WordMatch = { word, line: null, read: null, distance: null };
    lines.forEach((ws, line) => {
      for (const w of ws) {
        const d = w === word ? 0 : distance(w, word, max);
        if (d <= max && (found.distance === null || d < found.distance)) found = { word, line, read: w, distance: d };
      }
    });
    return found;
  });
  const score = words.length ? words.filter((w) => w.line !== null).length / words.length : 0;
  return { score, words };
}

const MONTHS: Record<string, number> = {
  JANUARY: 1,
  JAN: 1,
  JANVIER: 1,
  FEBRUARY: 2,
  FEB: 2,
  FEVRIER: 2,
  MARCH: 3,
  MAR: 3,
  MARS: 3,
  APRIL: 4,
  APR: 4,
  AVRIL: 4,
  MAY: 5,
  MAI: 5,
  JUNE: 6,
  JUN: 6,
  JUIN: 6,
  JULY: 7,
  JUL: 7,
  JUILLET: 7,
  AUGUST: 8,
  AUG: 8,
  AOUT: 8,
  SEPTEMBER: 9,
  SEP: 9,
  SEPT: 9,
  SEPTEMBRE: 9,
  OCTOBER: 10,
  OCT: 10,
  OCTOBRE: 10,
  NOVEMBER: 11,
  NOV: 11,
  NOVEMBRE: 11,
  DECEMBER: 12,
  DEC: 12,
  DECEMBRE: 12,
};

const iso = (y: number, m: number, d: number) => {
  const v = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${v}T00:00:00Z`);
  return y >= 1900 && y <= 2100 && t.getUTCMonth() + 1 === m && t.getUTCDate() === d ? v : null;
};

/** Dates in a line: 2025-09-01, 1 September 2025, September 1, 2025, 1er septembre 2025, 01/09/2025 (day first, as in French). */
export function findDates(line: string, index: number, dayFirst = true): FoundDate[] {
  const out: FoundDate[] = [];
  const plain = line.normalize('NFD').replace(/\p{M}/gu, '');
  const at: number[] = [];
  const push = (text: string, date: string | null, position = 0) => {
    if (date && !out.some((o) => o.date === date && o.text === text)) {
      out.push({ text, date, line: index });
      at.push(position);
    }
  };
  for (const m of plain.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) push(m[0], iso(+m[1], +m[2], +m[3]), m.index);
  for (const m of plain.matchAll(/\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/g)) {
    const month = MONTHS[m[2].toUpperCase()];
    if (month) push(m[0], iso(+m[3], month, +m[1]), m.index);
  }
  for (const m of plain.matchAll(/\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/g)) {
    const month = MONTHS[m[1].toUpperCase()];
    if (month) push(m[0], iso(+m[3], month, +m[2]), m.index);
  }
  for (const m of plain.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g)) {
    const [a, b] = [+m[1], +m[2]];
    push(m[0], dayFirst || a > 12 ? (iso(+m[3], b, a) ?? iso(+m[3], a, b)) : (iso(+m[3], a, b) ?? iso(+m[3], b, a)), m.index);
  }
  // In the order they are written.
  return out
    .map((o, i) => ({ o, p: at[i] }))
    .sort((x, y) => x.p - y.p)
    .map((x) => x.o);
}

export function matchText(
  text: string,
  submitted: { firstName: string; lastName: string; organization: string | null },
  options: { dayFirst?: boolean } = {},
): TextMatch {
  const rawLines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const lines = rawLines.map((l) => foldName(l).split(' ').filter(Boolean));
  const nameWords = foldName(`${submitted.firstName} ${submitted.lastName}`).split(' ').filter(Boolean);
  const orgWords = foldName(submitted.organization ?? '')
    .split(' ')
    .filter((w) => w && !COMMON.has(w));
  const name = matchWords(nameWords, lines);
  const organization = matchWords(orgWords, lines);
  const dates = rawLines.flatMap((l, i) => findDates(l, i, options.dayFirst ?? true));
  const score = submitted.organization ? 0.6 * name.score + 0.4 * organization.score : name.score;
  return { name, organization, dates, score: Math.round(score * 100) / 100 };
}
