import { describe, expect, it } from 'vitest';
import { contrastRatio, linkOn, textOn } from '../../src/modules/hosted-form/domain/contrast.ts';
import { scopedCustomCss } from '../../src/modules/hosted-form/domain/custom-css.ts';
import { personFields } from '../../src/modules/hosted-form/domain/form-fields.ts';
import { formToJson } from '../../src/modules/hosted-form/domain/form-values.ts';
import { embedAncestors, parentOriginAllowed } from '../../src/modules/hosted-form/http/embedding.ts';

describe('a program’s custom CSS on the hosted form', () => {
  it('is kept to the form', () => {
    expect(scopedCustomCss('h1 { color: #123456 }')).toBe('@scope (#vouch-form) {\nh1 { color: #123456 }\n}');
    expect(scopedCustomCss('   ')).toBe('');
  });
  it('loses what would load from elsewhere, leave the style element or run script', () => {
    const css = scopedCustomCss(
      '@import url(https://evil.example/x.css); h1 { background: url("https://evil.example/t.png"); behavior: url(x.htc) } </style><script>alert(1)</script> p { width: expression(alert(1)) }',
    );
    expect(css).not.toMatch(/@import|url\(|evil|<|>|behavior|expression/i);
    expect(css).toContain('h1 { background: none;');
  });
  it('is dropped whole when its braces do not balance (a rule could escape the scope)', () => {
    expect(scopedCustomCss('} body { display: none')).toBe('');
    expect(scopedCustomCss('h1 { color: red')).toBe('');
  });
});

describe('the form’s colours', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#0b6bcb', '#ffffff')).toBeGreaterThan(4.5);
  });
  it('puts the more readable of black and white on a colour, and keeps links readable on the page', () => {
    expect(textOn('#0b6bcb')).toBe('#ffffff');
    expect(textOn('#ffd400')).toBe('#1a1a1a');
    expect(linkOn('#ffffff', '#0b6bcb')).toBe('#0b6bcb');
    // A pale brand colour on a pale page would be unreadable: the text colour is used instead.
    expect(linkOn('#f4f5f7', '#ffd400')).toBe('#1a1a1a');
  });
});

describe('form fields as JSON (the rules the page’s script shares)', () => {
  it('nests dotted names, collects [] arrays, types :num and :bool, and leaves out empty texts and the form’s own fields', () => {
    expect(
      formToJson([
        ['firstName', ' Ada '],
        ['organization.name', 'Stanford University'],
        ['organization.id:num', '5309774945'],
        ['statuses[]', 'NURSE'],
        ['statuses[]', 'DOCTOR'],
        ['marketConsent:bool', 'true'],
        ['phoneNumber', ''],
        ['_step', 'collectStudentPersonalInfo'],
      ]),
    ).toEqual({
      firstName: 'Ada',
      organization: { name: 'Stanford University', id: 5309774945 },
      statuses: ['NURSE', 'DOCTOR'],
      marketConsent: true,
    });
  });
  it('drops a number that is not one, and never touches an object’s prototype', () => {
    const out = formToJson([
      ['organization.id:num', 'abc'],
      ['__proto__.polluted', 'yes'],
      ['constructor', 'x'],
    ]);
    expect(out).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('where the form may be embedded', () => {
  it('any site when the program names none; else its domains and their subdomains, any port', () => {
    expect(embedAncestors([])).toBe('*');
    expect(embedAncestors(['shop.example'])).toBe("'self' shop.example:* *.shop.example:*");
  });
  it('sends its events only to a web origin of those domains', () => {
    expect(parentOriginAllowed('https://www.shop.example', ['shop.example'])).toBe(true);
    expect(parentOriginAllowed('http://shop.example:8443', ['shop.example'])).toBe(true);
    expect(parentOriginAllowed('https://evilshop.example', ['shop.example'])).toBe(false);
    expect(parentOriginAllowed('https://shop.example/path', ['shop.example'])).toBe(false);
    expect(parentOriginAllowed('javascript:alert(1)', [])).toBe(false);
    expect(parentOriginAllowed('https://anything.example', [])).toBe(true);
  });
});

describe('the fields of a person step', () => {
  it('asks the step’s required fields first, then the optional ones; the phone for the SMS loop, the consent where asked', () => {
    const student = personFields('collectStudentPersonalInfo', { phoneNumber: false, marketConsent: false });
    expect(student.map((f) => [f.field, f.required])).toEqual([
      ['firstName', true],
      ['lastName', true],
      ['email', true],
      ['birthDate', true],
      ['organization', true],
    ]);
    const withLoops = personFields('collectStudentPersonalInfo', { phoneNumber: true, marketConsent: true }).map((f) => f.field);
    expect(withLoops.slice(-2)).toEqual(['phoneNumber', 'marketConsent']);
    const nurse = personFields('collectMedicalProfessionalPersonalInfo', { phoneNumber: false, marketConsent: false });
    expect(nurse.find((f) => f.field === 'statuses')?.choices).toContain('NURSE');
    expect(personFields('notAStep', { phoneNumber: false, marketConsent: false })).toEqual([]);
  });
});
