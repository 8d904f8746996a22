import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPastDate, parseCalendarDate, parseInstant } from '../../src/shared/dates.ts';
import { asciiMailAddress } from '../../src/shared/email.ts';
import { singleLineName } from '../../src/shared/names.ts';

describe('calendar dates', () => {
  it('takes exactly the days that exist', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(parseCalendarDate(day)?.toISOString()).toBe(`${day}T00:00:00.000Z`);
      }),
    );
    for (const bad of [
      '2000-02-30',
      '2001-02-29',
      '1900-02-29',
      '2000-04-31',
      '2000-13-01',
      '2000-00-10',
      '2000-1-01',
      ' 2000-01-01',
      '2000-01-01T00:00:00Z',
      20000101,
      null,
    ]) {
      expect(parseCalendarDate(bad), String(bad)).toBeUndefined();
    }
    expect(parseCalendarDate('2000-02-29')).toEqual(new Date('2000-02-29T00:00:00Z'));
  });

  it('reads date-times with a zone only, on days that exist', () => {
    expect(parseInstant('2024-02-29T23:30:00+05:30')).toEqual(new Date('2024-02-29T18:00:00Z'));
    for (const bad of ['2023-02-29T00:00:00Z', '2024-02-29T00:00:00', '2024-02-29', '2024-02-29T24:00:00Z'])
      expect(parseInstant(bad), bad).toBeUndefined();
  });

  it('takes a past date from 1900-01-01 up to today by the given clock', () => {
    const now = new Date('2026-03-24T23:59:59Z');
    expect(checkPastDate('2026-03-24', now)).toBeNull();
    expect(checkPastDate('1900-01-01', now)).toBeNull();
    expect(checkPastDate('2026-03-25', now)).toBe('future');
    expect(checkPastDate('1899-12-31', now)).toBe('tooEarly');
    expect(checkPastDate('2000-02-30', now)).toBe('invalid');
    expect(checkPastDate('', now)).toBe('invalid');
  });
});

describe('single-line names', () => {
  const name = singleLineName(20);
  it('refuses every control character and line separator, keeps every other character', () => {
    // Any code point, with the characters that matter drawn often.
    const unit = fc.oneof(
      fc.constantFrom('\r', '\n', '\t', '\u0000', '\u007f', '\u0085', '\u2028', '\u2029', ' ', 'é', '東'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 10 }), (s) => {
        const controls = /[\p{Cc}\u2028\u2029]/u.test(s.trim());
        expect(name.safeParse(s).success).toBe(!controls && s.trim().length > 0);
      }),
    );
    expect(name.parse('  Zoë  ')).toBe('Zoë');
    expect(name.safeParse('x'.repeat(21)).success).toBe(false);
  });
});

describe('deliverable email addresses', () => {
  it('converts an internationalised domain to punycode and keeps an ASCII local part as typed', () => {
    expect(asciiMailAddress('Joerg.M+tag@Bücher.de')).toEqual({ address: 'Joerg.M+tag@xn--bcher-kva.de' });
    expect(asciiMailAddress('a@例え.テスト')).toEqual({ address: 'a@xn--r8jz45g.xn--zckzah' });
    expect(asciiMailAddress('plain@example.com')).toEqual({ address: 'plain@example.com' });
  });

  it('names a non-ASCII local part apart from an invalid address', () => {
    expect(asciiMailAddress('jörg@example.com')).toEqual({ problem: 'nonAsciiLocalPart' });
    for (const bad of [
      'a,b@example.com',
      'a@b',
      '@example.com',
      'a@',
      'a..b@example.com',
      'a@ex%41mple.com',
      'a@exa_mple.com',
      'a@example.123',
      'jö rg@example.com',
    ]) {
      expect(asciiMailAddress(bad), bad).toEqual({ problem: 'invalid' });
    }
  });
});
