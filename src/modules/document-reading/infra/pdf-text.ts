import { inflateSync } from 'node:zlib';

/**
 * The text layer of a PDF, for documents made on a computer: the strings shown by `Tj`, `TJ`, `'` and `"`
 * in its content streams (plain or Flate-compressed), one line per text object or line move. Strings in
 * fonts with a simple encoding read as Latin-1; text in fonts that map glyph ids through a ToUnicode table
 * (subset TrueType) and scanned pages have no text here: the answer is then empty and the check says so.
 * Bounded: at most `maxStreams` streams of at most `maxBytes` inflated bytes each.
 */
export function pdfText(pdf: Buffer, limits = { maxStreams: 200, maxBytes: 4_000_000 }): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  let streams = 0;
  for (const m of raw.matchAll(re)) {
    if (++streams > limits.maxStreams) break;
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const dict = m[1];
    if (/\/Subtype\s*\/Image|\/Type\s*\/XObject|\/Length1|\/FontFile/.test(dict)) continue;
    let data = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data, { maxOutputLength: limits.maxBytes });
      } catch {
        continue;
      }
    } else if (/\/Filter/.test(dict)) continue;
    const text = contentText(data.toString('latin1'));
    if (text.trim()) out.push(text);
  }
  return out.join('\n');
}

const ESC: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

function literal(s: string): string {
  return s.replace(
    /\\([nrtbf()\\]|[0-7]{1,3}|\r?\n)/g,
    (_, e: string) => ESC[e] ?? (/^[0-7]/.test(e) ? String.fromCharCode(Number.parseInt(e, 8)) : ''),
  );
}
const hex = (s: string) => {
  const h = s.replace(/\s/g, '');
  return (h.length % 2 ? `${h}0` : h).replace(/../g, (b) => String.fromCharCode(Number.parseInt(b, 16)));
};

/** The strings of text-showing operators, a new line at each BT and line move. */
function contentText(content: string): string {
  const lines: string[] = [];
  let line = '';
  const endLine = () => {
    if (line) lines.push(line);
    line = '';
  };
  const token = /\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|-?\d*\.?\d+|\/[^\s/[\]()<>]+|[A-Za-z'"*]+/g;
  let strings: string[] = [];
  let numbers: number[] = [];
  for (const t of content.match(token) ?? []) {
    if (t.startsWith('(')) strings.push(literal(t.slice(1, -1)));
    else if (t.startsWith('<')) strings.push(hex(t.slice(1, -1)));
    else if (/^-?\d*\.?\d+$/.test(t)) {
      // A large negative kerning inside TJ is a space between words.
      if (Number(t) < -200 && strings.length) strings.push(' ');
      numbers.push(Number(t));
    } else if (t === 'Tj' || t === 'TJ' || t === "'" || t === '"') {
      if (t === "'" || t === '"') endLine();
      line += strings.join('');
      strings = [];
    } else if (t === 'BT' || t === 'T*' || t === 'Td' || t === 'TD' || t === 'Tm' || t === 'ET') {
      // A move to another line ends the line; a move along it (Td with y 0) does not.
      const newLine = t !== 'Td' && t !== 'TD' ? t !== 'Tm' || numbers.length >= 6 : numbers[numbers.length - 1] !== 0;
      if (newLine) endLine();
      strings = [];
    } else if (t !== '[' && t !== ']') strings = [];
    if (!/^-?\d*\.?\d+$/.test(t)) numbers = [];
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
