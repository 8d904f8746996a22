import { CommonErrors } from './errors.ts';

/**
 * CSV in the shape of RFC 4180: fields separated by commas, records by CRLF or LF (a lone CR counts as
 * a line break too), fields optionally wrapped in double quotes, a quote inside a quoted field written
 * twice. Quoted fields may hold commas and line breaks. A leading byte order mark is dropped and a final
 * line break does not start an empty record. A quote inside an unquoted field is kept as a character
 * (what spreadsheets do); anything but a comma or a line break right after a closing quote is an error.
 */
export function parseCsv(text: string): string[][] {
  return parseWithLines(text).rows;
}

/** A parsed CSV with a header row: header names as written (trimmed) and, per record, its first line. */
export interface CsvTable {
  headers: string[];
  records: { line: number; values: Record<string, string> }[];
}

/**
 * Parses a CSV whose first row names the columns. Header names are trimmed and matched without regard
 * to case; each record is keyed by the lower-cased header name. Blank lines are skipped.
 * Throws invalidRequest when the text is empty, a required header is missing, a header repeats, or a
 * record has a different number of columns than the header.
 */
export function parseCsvTable(text: string, requiredHeaders: readonly string[]): CsvTable {
  const { rows, lines } = parseWithLines(text);
  const headerIndex = rows.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) throw CommonErrors.invalidRequest('CSV is empty: expected a header row');
  const headers = rows[headerIndex].map((h) => h.trim());
  const keys = headers.map((h) => h.toLowerCase());
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (k === '') throw CommonErrors.invalidRequest(`CSV line ${lines[headerIndex]}: column ${i + 1} has no header name`);
    if (seen.has(k)) throw CommonErrors.invalidRequest(`CSV line ${lines[headerIndex]}: header '${headers[i]}' appears twice`);
    seen.add(k);
  });
  for (const required of requiredHeaders) {
    if (!seen.has(required.trim().toLowerCase())) {
      throw CommonErrors.invalidRequest(`CSV header is missing the required column '${required}'`);
    }
  }
  const records: CsvTable['records'] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    if (isBlank(row)) continue;
    if (row.length !== keys.length) {
      throw CommonErrors.invalidRequest(`CSV line ${lines[r]}: expected ${keys.length} columns as in the header, found ${row.length}`);
    }
    const values: Record<string, string> = {};
    keys.forEach((k, i) => {
      values[k] = row[i];
    });
    records.push({ line: lines[r], values });
  }
  return { headers, records };
}

/** Like `parseCsvTable`, only the records, keyed by lower-cased header name. */
export function parseCsvRecords(text: string, requiredHeaders: readonly string[]): Record<string, string>[] {
  return parseCsvTable(text, requiredHeaders).records.map((r) => r.values);
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * One CSV output cell. Empty for null, undefined and ''. Text is always quoted, quotes doubled, and text
 * a spreadsheet could read as a formula (starting with = + - @, tab or CR) gets a leading `'`.
 * Numbers and booleans are written as they are (quoted): they come from the program, not from a user,
 * and a negative number must stay a number.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.has(text[0])) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

function isBlank(row: string[]): boolean {
  return row.length === 1 && row[0].trim() === '';
}

/** The parser proper: rows, and for each row the (1-based) line it starts on. */
function parseWithLines(input: string): { rows: string[][]; lines: number[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // the current field was quoted (so "" at the very end still makes a record)
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;

  const endRow = () => {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
    row = [];
    field = '';
    quoted = false;
  };

  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '' && !quoted) {
      // A quoted field: runs to the next quote that is not doubled.
      const startLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      if (!closed) throw CommonErrors.invalidRequest(`CSV line ${startLine}: quoted field is never closed`);
      const next = text[i];
      if (i < n && next !== ',' && next !== '\n' && next !== '\r') {
        throw CommonErrors.invalidRequest(`CSV line ${line}: unexpected character after a closing quote`);
      }
      quoted = true;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      quoted = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRow();
      line++;
      rowLine = line;
      continue;
    }
    field += c;
    i++;
  }
  // The last record, unless the text ended with a line break (or was empty).
  if (field !== '' || quoted || row.length > 0) endRow();
  return { rows, lines };
}
