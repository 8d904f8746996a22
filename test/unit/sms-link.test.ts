import { describe, expect, it } from 'vitest';
import { formLink, linkText } from '../../src/modules/program-links/domain/link-text.ts';
import { readPhoneNumber } from '../../src/shared/phone-number.ts';

describe('a phone number read into E.164', () => {
  it('accepts the forms people type and normalises them', () => {
    const cases: [string, string][] = [
      ['+15550001111', '+15550001111'],
      ['+1 555 000 1111', '+15550001111'],
      [' +1 (555) 000-1111 ', '+15550001111'],
      ['+1.555.000.1111', '+15550001111'],
      ['0044 20 7946 0000', '+442079460000'],
      ['+33 6 12 34 56 78', '+33612345678'],
      ['+49/170/1234567', '+491701234567'],
    ];
    for (const [typed, e164] of cases) expect(readPhoneNumber(typed), typed).toEqual({ kind: 'ok', e164 });
  });

  it('refuses others with a sentence saying what to fix, never repeating the number', () => {
    const cases: [string, RegExp][] = [
      ['', /it is empty/],
      ['5550001111', /start it with \+ and the country code/],
      ['(555) 000-1111', /start it with \+ and the country code/],
      ['+1 555 000 1111 x12', /only digits, a leading \+/],
      ['+1 555 CALL NOW', /only digits/],
      ['+１５５５０００１１１１', /only digits/],
      ['++15550001111', /a \+ may only come first/],
      ['+1 555+000 1111', /a \+ may only come first/],
      ['+0 555 000 1111', /no country code starts with 0/],
      ['+1 234', /7 to 15 digits/],
      ['+1234567890123456', /7 to 15 digits/],
      [`+1${' '.repeat(50)}5550001111`, /longer than 40 characters/],
    ];
    for (const [typed, why] of cases) {
      const read = readPhoneNumber(typed);
      expect(read.kind, typed).toBe('invalid');
      const message = (read as { message: string }).message;
      expect(message).toMatch(/^Property 'phoneNumber' must be a mobile phone number with its country code/);
      expect(message, typed).toMatch(why);
      expect(message).not.toContain('0001111');
    }
  });
});

describe('the link texted and its text', () => {
  it('opens the hosted form, with the external user id encoded when given', () => {
    expect(formLink('https://v.example.com', 'abc')).toBe('https://v.example.com/form/abc');
    expect(formLink('https://v.example.com', 'abc', 'user 42&x=1')).toBe('https://v.example.com/form/abc?externalUserId=user+42%26x%3D1');
  });

  const link = 'https://v.example.com/form/abc';
  it("uses the program's sendLink.text, filling {companyName} and {link}, adding the link when the text has none", () => {
    const p = { name: 'Acme Students', locale: 'en-US' };
    expect(linkText({ ...p, messages: { sendLink: { text: '{companyName}: verify at {link} today' } } }, link)).toBe(
      `Acme Students: verify at ${link} today`,
    );
    expect(linkText({ ...p, messages: { companyName: 'Acme', sendLink: { text: 'Hello from {companyName}.' } } }, link)).toBe(
      `Hello from Acme. ${link}`,
    );
    // A name holding a placeholder is not filled in again.
    expect(linkText({ ...p, name: 'Odd {link} name', messages: { sendLink: { text: '{companyName} {link}' } } }, link)).toBe(
      `Odd {link} name ${link}`,
    );
  });

  it('else says a fixed sentence with the program name, in the language of its locale', () => {
    const p = { name: 'Acme Students', locale: 'en-US' };
    const fixed = `Verify your eligibility for Acme Students: ${link}`;
    expect(linkText({ ...p, messages: undefined }, link)).toBe(fixed);
    expect(linkText({ ...p, messages: { sendLink: { text: '   ' } } }, link)).toBe(fixed);
    expect(linkText({ ...p, messages: { sendLink: 'not a section' } }, link)).toBe(fixed);
    expect(linkText({ ...p, messages: { sendLink: { text: 'x'.repeat(1600) } } }, link)).toBe(fixed);
    expect(linkText({ ...p, locale: 'fr-CA', messages: {} }, link)).toBe(`Confirmez votre admissibilité pour Acme Students : ${link}`);
  });
});
