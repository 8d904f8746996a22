import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type PDFKit from 'pdfkit';

/**
 * Text in any script for pdfkit documents. pdfkit draws a text with one font and has no fallback, and its
 * standard fonts know WinAnsi only: a Cyrillic, Greek, Arabic or Chinese name came out as wrong letters.
 * Here a text is cut into runs, each drawn with the first font of a chain that has its characters.
 * The fonts come from npm packages (see docs/decisions/report-fonts.md) and are read when a text first
 * needs them, then kept for the life of the process: a report in Latin letters reads only the first one.
 */

interface FaceSource {
  name: string;
  pkg: string;
  file: string;
}

/** The chain, in order of preference; sizes are of the file read into memory when first needed. */
const CHAIN: FaceSource[] = [
  // Latin, Cyrillic, Greek (629 KB): most text stops here.
  { name: 'NotoSans', pkg: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Regular.ttf' },
  // Arabic (134 KB).
  { name: 'NotoNaskhArabic', pkg: '@embedpdf/fonts-arabic', file: 'fonts/NotoNaskhArabic-Regular.ttf' },
  // Han characters, simplified and traditional, and Japanese kana (8.4 MB).
  { name: 'NotoSansSC', pkg: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Regular.otf' },
  // Korean Hangul (4.6 MB).
  { name: 'NotoSansKR', pkg: '@embedpdf/fonts-kr', file: 'fonts/NotoSansKR-Regular.otf' },
  // Emoji, in outline (887 KB): colour emoji fonts have no outlines a PDF can draw.
  { name: 'NotoEmoji', pkg: '@expo-google-fonts/noto-emoji', file: '400Regular/NotoEmoji_400Regular.ttf' },
];

interface Face {
  name: string;
  bytes: Buffer;
  font: fontkit.Font;
}
const loaded: (Face | undefined)[] = [];

/** Where a package keeps `file`: its entry point sits at its root or a folder or two below. */
function locate({ pkg, file }: FaceSource): string {
  const entry = createRequire(import.meta.url).resolve(pkg);
  for (let dir = path.dirname(entry), i = 0; i < 4; i++, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, file))) return path.join(dir, file);
  }
  throw new Error(`${pkg} is installed at ${path.dirname(entry)} but its font ${file} was not found`);
}

/**
 * The chain's font `i`, read on first use. Synchronous on purpose: runs are cut while the page is laid out,
 * which pdfkit does synchronously, and each file is read once per process.
 */
function face(i: number): Face {
  let f = loaded[i];
  if (!f) {
    const bytes = fs.readFileSync(locate(CHAIN[i]));
    f = { name: CHAIN[i].name, bytes, font: fontkit.create(bytes) as fontkit.Font };
    loaded[i] = f;
  }
  return f;
}

/** A part of a text that one font of the chain draws. */
export interface Run {
  face: number;
  text: string;
}

// Drawn with the character before them: combining marks, zero-width joiner, variation selectors.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each is tested alone, one code point at a time
const ATTACHED = /^[\p{M}\u200d\ufe00-\ufe0f]$/u;
// Spaces and punctuation take the font of the characters around them when both use the same one, so that
// several Arabic words stay one right-to-left run (in right-to-left order) and a name in Han characters
// keeps its own spacing; between different fonts they go to the first font.
const NEUTRAL = /^[\s\p{P}]$/u;

/**
 * Cuts `text` into runs: each character goes to the first font of the chain that has it (`has(font, codePoint)`),
 * or to the first font (which draws its missing-glyph box) when none does.
 */
export function splitRuns(text: string, has: (font: number, codePoint: number) => boolean, fonts: number): Run[] {
  const chars = [...text];
  const first = (cp: number) => {
    for (let f = 0; f < fonts; f++) if (has(f, cp)) return f;
    return 0;
  };
  const font = chars.map((c) => (ATTACHED.test(c) || NEUTRAL.test(c) ? -1 : first(c.codePointAt(0)!)));
  for (let i = 0; i < chars.length; i++) {
    if (font[i] !== -1) continue;
    const cp = chars[i].codePointAt(0)!;
    const before = i > 0 ? font[i - 1] : -1;
    if (ATTACHED.test(chars[i])) {
      font[i] = before >= 0 ? before : first(cp);
      continue;
    }
    let j = i + 1;
    while (j < chars.length && font[j] === -1) j++;
    const after = j < chars.length ? font[j] : -1;
    font[i] = before >= 0 && before === after && has(before, cp) ? before : first(cp);
  }
  const runs: Run[] = [];
  chars.forEach((c, i) => {
    const last = runs.at(-1);
    if (last && last.face === font[i]) last.text += c;
    else runs.push({ face: font[i], text: c });
  });
  return runs;
}

/** A line's height at size 1, as pdfkit counts it (ascender, descender and line gap). */
const lineHeight = (f: fontkit.Font) => (f.ascent - f.descent + f.lineGap) / f.unitsPerEm;

export type TextWriter = (text: string, options?: PDFKit.Mixins.TextOptions, at?: { x: number; y: number }) => void;

/**
 * A `text` for `doc` that draws any script: like `doc.text(text, options)` (or at `at`), one call per run
 * with `continued` between them. Every run sits on the first font's baseline and keeps its line height, so
 * a line looks the same whichever fonts it mixes. Leaves the first font current, at the size it was.
 */
export function unicodeWriter(doc: PDFKit.PDFDocument): TextWriter {
  const registered = new Set<number>();
  const use = (i: number) => {
    const f = face(i);
    if (!registered.has(i)) {
      doc.registerFont(f.name, f.bytes);
      registered.add(i);
    }
    doc.font(f.name);
    return f.font;
  };
  const base = use(0);
  return (text, options = {}, at) => {
    const size = doc.sizeToPoint('1em');
    const runs = splitRuns(text, (i, cp) => face(i).font.hasGlyphForCodePoint(cp), CHAIN.length);
    if (runs.length === 0) runs.push({ face: 0, text: '' });
    runs.forEach((run, n) => {
      const font = use(run.face);
      const runOptions: PDFKit.Mixins.TextOptions = {
        ...options,
        // With `features` set, pdfkit shapes a line's fragment whole instead of word by word, so fontkit
        // puts the words of a right-to-left run in right-to-left order too (it shapes and joins Arabic).
        features: options.features ?? [],
        // A number is the baseline's offset from the top of the line, negated (pdfkit's convention).
        baseline: -(base.ascent / base.unitsPerEm) * size,
        lineGap: (options.lineGap ?? 0) + (lineHeight(base) - lineHeight(font)) * size,
        continued: n < runs.length - 1 || options.continued === true,
      };
      if (n === 0 && at) doc.text(run.text, at.x, at.y, runOptions);
      else doc.text(run.text, runOptions);
    });
    use(0);
  };
}
