import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { csvCell, parseCsv, parseCsvRecords, parseCsvTable } from '../../src/shared/csv.ts';
import { AppError } from '../../src/shared/errors.ts';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseCsv', () => {
  it('splits plain fields and records', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF and a final line break without an empty record', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a\r\nb\nc')).toEqual([['a'], ['b'], ['c']]);
  });

  it('returns nothing for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('strips a byte order mark', () => {
    expect(parseCsv('\uFEFFname,type\nx,y')).toEqual([
      ['name', 'type'],
      ['x', 'y'],
    ]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv(',a,,\n')).toEqual([['', 'a', '', '']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('a,""')).toEqual([['a', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"a,b","say ""hi""","line1\nline2","crlf\r\ninside"\nz,y,x,w')).toEqual([
      ['a,b', 'say "hi"', 'line1\nline2', 'crlf\r\ninside'],
      ['z', 'y', 'x', 'w'],
    ]);
    expect(parseCsv('""""')).toEqual([['"']]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsv('ab"c,d')).toEqual([['ab"c', 'd']]);
  });

  it('keeps spaces around fields as written', () => {
    expect(parseCsv(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('rejects an unterminated quote, naming the line it opened on', () => {
    const e = errorOf(() => parseCsv('a,b\n1,2\n"never closed,3\n4,5'));
    expect(e.code).toBe('invalidRequest');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^CSV line 3: /);
  });

  it('rejects text right after a closing quote', () => {
    const e = errorOf(() => parseCsv('"a"b,c'));
    expect(e.code).toBe('invalidRequest');
    expect(e.message).toMatch(/^CSV line 1: /);
  });
});

describe('parseCsvRecords', () => {
  it('keys records by trimmed, lower-cased header names', () => {
    expect(parseCsvRecords(' Name ,TYPE\nStanford,UNIVERSITY\n', ['name', 'Type'])).toEqual([{ name: 'Stanford', type: 'UNIVERSITY' }]);
  });

  it('skips blank lines and reports the line each record starts on', () => {
    const table = parseCsvTable('name,note\n\n"multi\nline",x\nlast,y\n', ['name']);
    expect(table.records.map((r) => r.line)).toEqual([3, 5]);
    expect(table.records[0].values).toEqual({ name: 'multi\nline', note: 'x' });
  });

  it('names a missing required header', () => {
    const e = errorOf(() => parseCsvRecords('name,country\nx,US', ['name', 'type']));
    expect(e.code).toBe('invalidRequest');
    expect(e.message).toContain("'type'");
  });

  it('names the line of a record with a different column count', () => {
    const e = errorOf(() => parseCsvRecords('name,type\na,b\nc\n', ['name']));
    expect(e.code).toBe('invalidRequest');
    expect(e.message).toMatch(/^CSV line 3: /);
    expect(errorOf(() => parseCsvRecords('name,type\na,b,c\n', [])).message).toMatch(/^CSV line 2: /);
  });

  it('rejects empty text and repeated headers', () => {
    expect(errorOf(() => parseCsvRecords('', ['name'])).code).toBe('invalidRequest');
    expect(errorOf(() => parseCsvRecords('name,NAME\na,b', [])).message).toContain('twice');
  });

  it('returns no records for a header alone', () => {
    expect(parseCsvRecords('name,type\r\n', ['name'])).toEqual([]);
  });
});

describe('csvCell', () => {
  it('writes nothing for null, undefined and the empty string', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes text and doubles quotes', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('guards text a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe(`"'=SUM(A1:A9)"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('writes numbers and booleans as they are', () => {
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(-5)).toBe('"-5"');
    expect(csvCell(true)).toBe('"true"');
  });

  it('round-trips through the parser', () => {
    const values = ['a,b', 'q"uote', 'multi\r\nline', 'plain', ''];
    const line = values.map(csvCell).join(',');
    expect(parseCsv(line)).toEqual([values]);
  });

  it('round-trips any table through the parser (formula guard aside)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', '=', '-', 'é', '\t') });
    const row = fc.array(cell, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = rows.map((r) => r.map(csvCell).join(',')).join(eol);
        const guarded = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        expect(parseCsv(text)).toEqual(guarded);
      }),
    );
  });
});
