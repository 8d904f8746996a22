import { parse } from 'mrz';

/**
 * Finds the machine-readable zone in the lines OCR read from a passport or ID card and puts right what OCR
 * commonly gets wrong in it, using the zone's own layout (ICAO 9303): which positions hold digits, which
 * letters, and the check digits that tell a good reading from a bad one. The answer is the zone's lines,
 * ready for `readMrz`; null when no zone is there.
 */

const FORMATS = [
  { name: 'TD3', lines: 2, length: 44 },
  { name: 'TD2', lines: 2, length: 36 },
  { name: 'TD1', lines: 3, length: 30 },
] as const;

const TO_DIGIT: Record<string, string> = { O: '0', D: '0', Q: '0', U: '0', I: '1', L: '1', T: '1', Z: '2', S: '5', B: '8', G: '6' };
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G' };

/** Positions (line, from, to exclusive) that hold digits or check digits only, per format. */
const DIGITS: Record<string, [number, number, number][]> = {
  TD3: [
    [1, 9, 10],
    [1, 13, 20],
    [1, 21, 28],
    [1, 42, 44],
  ],
  TD2: [
    [1, 9, 10],
    [1, 13, 20],
    [1, 21, 28],
    [1, 35, 36],
  ],
  TD1: [
    [0, 14, 15],
    [1, 0, 7],
    [1, 8, 15],
    [1, 29, 30],
  ],
};
/** Positions that hold letters (or fillers) only: the document code, states, and the name. */
const LETTERS: Record<string, [number, number, number][]> = {
  TD3: [
    [0, 0, 44],
    [1, 10, 13],
  ],
  TD2: [
    [0, 0, 36],
    [1, 10, 13],
  ],
  TD1: [
    [0, 0, 5],
    [1, 15, 18],
    [2, 0, 30],
  ],
};

/** Uppercase, the zone's characters only; the chevron OCR may read as « or a K after fillers. */
export function cleanLine(s: string): string {
  return s
    .toUpperCase()
    .replace(/[«‹]/g, '<')
    .replace(/\s+/g, '')
    .replace(/[^A-Z0-9<]/g, '');
}

function fix(lines: string[], format: string): string[] {
  const chars = lines.map((l) => [...l]);
  for (const [line, from, to] of DIGITS[format])
    for (let i = from; i < to; i++) chars[line][i] = TO_DIGIT[chars[line][i]] ?? chars[line][i];
  for (const [line, from, to] of LETTERS[format])
    for (let i = from; i < to; i++) chars[line][i] = TO_LETTER[chars[line][i]] ?? chars[line][i];
  return chars.map((c) => c.join(''));
}

/** How many of the zone's fields and check digits agree: the measure of a reading. */
function score(lines: string[]): number {
  try {
    const r = parse(lines);
    return r.details.filter((d) => d.valid).length - (r.valid ? 0 : 0.5);
  } catch {
    return -1;
  }
}

/** A line of the right length from one a few characters off: fillers lost at its end, or a character read twice. */
function fitted(line: string, length: number, format: string, others: (l: string) => string[]): string[] {
  if (line.length === length) return [line];
  if (line.length < length) return line.length >= length - 4 ? [line.padEnd(length, '<')] : [];
  if (line.length > length + 2) return [];
  // One character too many: keep the deletion that makes most check digits agree.
  const options = [line.slice(0, length)];
  if (line.length === length + 1) for (let i = 0; i < line.length; i++) options.push(line.slice(0, i) + line.slice(i + 1));
  const best = options.map((o) => ({ o, s: score(fix(others(o), format)) })).sort((a, b) => b.s - a.s)[0];
  return best ? [best.o] : [];
}

export interface LocatedMrz {
  format: 'TD1' | 'TD2' | 'TD3';
  lines: string[];
}

export function locateMrz(ocrLines: string[]): LocatedMrz | null {
  const lines = ocrLines.map(cleanLine).filter((l) => l.length >= 26 && (l.includes('<') || /\d{6}/.test(l)));
  let best: { found: LocatedMrz; s: number } | null = null;
  for (const f of FORMATS) {
    for (let start = 0; start + f.lines <= lines.length; start++) {
      const group = lines.slice(start, start + f.lines);
      if (group.some((l) => Math.abs(l.length - f.length) > 4)) continue;
      let current = [...group];
      for (let k = 0; k < f.lines; k++) {
        const [line] = fitted(current[k], f.length, f.name, (o) =>
          current.map((l, j) => (j === k ? o : l.padEnd(f.length, '<').slice(0, f.length))),
        );
        if (!line) break;
        current = current.map((l, j) => (j === k ? line : l));
      }
      if (current.some((l) => l.length !== f.length)) continue;
      const fixed = fix(current, f.name);
      const s = score(fixed);
      if (s >= 0 && (!best || s > best.s)) best = { found: { format: f.name, lines: fixed }, s };
    }
  }
  return best?.found ?? null;
}
