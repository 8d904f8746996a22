import { describe, expect, it } from 'vitest';
import { PERSON_STEPS, RECOVERABLE_ERROR_IDS } from '../../src/modules/eligibility-terms/index.ts';
import { validatePerson, type Validation, type ValidationContext } from '../../src/modules/verifications/domain/person-validation.ts';
import { VALID_BODIES } from '../support/bodies.ts';

/**
 * The format of each person field (field-rules.ts), through the validator of the person body: each case
 * puts one value into a step's valid body and states the errorIds that come back ([] when it passes).
 */

// A fixed clock: every date rule reads "today" from the context, never from the machine.
const TODAY = new Date('2026-03-24T12:00:00Z');
const CTX: ValidationContext = { today: TODAY, openOrgSearchEnabled: false, allowedSubSegments: null, marketConsentRequired: false };
const RECOVERABLE = new Set<string>(RECOVERABLE_ERROR_IDS);

const validate = (step: string, changes: Record<string, unknown>, ctx: Partial<ValidationContext> = {}): Validation =>
  validatePerson(PERSON_STEPS[step], { ...VALID_BODIES[step], ...changes }, { ...CTX, ...ctx });

/** Field problems are recoverable errorIds; a rejected body fails the case, since these are about fields. */
function idsOf(result: Validation): string[] {
  if (result.kind === 'invalidRequest') throw new Error(`rejected instead of field errors: ${result.message}`);
  if (result.kind === 'ok') return [];
  for (const id of result.errorIds) expect(RECOVERABLE.has(id), `${id} is recoverable`).toBe(true);
  return result.errorIds;
}

/** Runs each [value, errorIds] case of one field on a step's valid body. */
function expectField(step: string, field: string, cases: [unknown, string[]][], ctx: Partial<ValidationContext> = {}) {
  for (const [value, ids] of cases) {
    const label = `${field} = ${JSON.stringify(value).slice(0, 40)} (${String(value).length} chars)`;
    expect(idsOf(validate(step, { [field]: value }, ctx)), label).toEqual(ids);
  }
}

const STUDENT = 'collectStudentPersonalInfo';
const EMPLOYEE = 'collectEmployeePersonalInfo';
const MEMBER = 'collectMemberPersonalInfo';
const INACTIVE = 'collectInactiveMilitaryPersonalInfo';

describe('first and last names', () => {
  it.each([
    ['firstName', 'invalidFirstName'],
    ['lastName', 'invalidLastName'],
  ])('%s: 1 to 100 characters once trimmed, with a letter, without control characters, else %s', (field, id) => {
    expectField(STUDENT, field, [
      ['A', []],
      ['Zoë', []],
      ['李', []],
      ['محمد', []],
      ["O'Brien-Smith Jr.", []],
      ['x'.repeat(100), []],
      [`  ${'x'.repeat(100)}  `, []],
      ['Randy\n', []], // trailing whitespace, line breaks included, is trimmed away
      ['', [id]],
      ['   ', [id]],
      ['x'.repeat(101), [id]],
      ['123', [id]],
      ['-.', [id]],
      ...['\u0000', '\u0008', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f'].map((c): [string, string[]] => [`Ran${c}dy`, [id]]),
    ]);
  });

  it('gives both errorIds when both names are wrong', () => {
    expect(idsOf(validate(STUDENT, { firstName: '', lastName: '1' }))).toEqual(['invalidFirstName', 'invalidLastName']);
  });

  // No control characters means the C1 range too (U+0080 to U+009F, NEL among them), and the line and
  // paragraph separators, as the project's one-line rule (shared/names.ts) counts them.
  it('refuses C1 control characters and line separators too', () => {
    expectField(STUDENT, 'firstName', [
      ['Ran\u0085dy', ['invalidFirstName']],
      ['Ran\u009bdy', ['invalidFirstName']],
      ['Ran\u2028dy', ['invalidFirstName']],
    ]);
  });
});

describe('email', () => {
  it('takes an atext local part and a dotted domain or bracketed IPv4, at most 254 characters once trimmed', () => {
    expectField(STUDENT, 'email', [
      ['randy@example.com', []],
      [' randy@example.com ', []],
      ["o'brien+tag@mail.example.co.uk", []],
      ['first.last@ex-ample.com', []],
      ['a@[192.168.0.1]', []],
      [`${'a'.repeat(242)}@example.com`, []], // 254
      [`${'a'.repeat(243)}@example.com`, ['invalidEmail']], // 255
      ['notValidEmail,com', ['invalidEmail']],
      ['', ['invalidEmail']],
      ['a@localhost', ['invalidEmail']],
      ['a@example.com.', ['invalidEmail']],
      ['a..b@example.com', ['invalidEmail']],
      ['.a@example.com', ['invalidEmail']],
      ['a.@example.com', ['invalidEmail']],
      ['a b@example.com', ['invalidEmail']],
      ['@example.com', ['invalidEmail']],
      ['a@', ['invalidEmail']],
      ['a@-example.com', ['invalidEmail']],
      ['a@example-.com', ['invalidEmail']],
      ['a@ex_ample.com', ['invalidEmail']],
      ['a@[192.168.0]', ['invalidEmail']],
      ['jörg@example.com', ['invalidEmail']],
      ['a@b@example.com', ['invalidEmail']],
    ]);
  });

  it('keeps the trimmed address', () => {
    expect(validate(STUDENT, { email: '  randy@example.com\t' })).toMatchObject({ kind: 'ok', person: { email: 'randy@example.com' } });
  });
});

describe('birth date', () => {
  it('takes a calendar day from 1900-01-01 to today; a later day is futureBirthDate, anything else invalidBirthDate', () => {
    expectField(STUDENT, 'birthDate', [
      ['2001-02-03', []],
      ['2000-02-29', []],
      ['1900-01-01', []],
      ['2026-03-24', []], // today
      ['2026-03-25', ['futureBirthDate']],
      ['2100-01-01', ['futureBirthDate']],
      ['1899-12-31', ['invalidBirthDate']],
      ['2001-02-29', ['invalidBirthDate']],
      ['2001-13-01', ['invalidBirthDate']],
      ['1-1-1', ['invalidBirthDate']],
      ['03/02/2001', ['invalidBirthDate']],
      ['2001-02-03T00:00:00Z', ['invalidBirthDate']],
      ['', ['invalidBirthDate']],
    ]);
  });

  it('takes today as the UTC day of the clock', () => {
    expectField(STUDENT, 'birthDate', [['2026-03-25', ['futureBirthDate']]], { today: new Date('2026-03-24T23:59:59.999Z') });
    expectField(STUDENT, 'birthDate', [['2026-03-25', []]], { today: new Date('2026-03-25T00:00:00Z') });
    expectField(STUDENT, 'birthDate', [['2026-03-25', []]], { today: new Date('2026-03-24T21:00:00-03:00') });
  });
});

describe('phone number (optional on every step)', () => {
  it('takes at least 10 digits, an optional + and leading zeros, separators, and an extension of up to 5 digits', () => {
    expectField(STUDENT, 'phoneNumber', [
      ['5035550100', []],
      ['+1 (503) 555-0100', []],
      ['503.555.0100', []],
      ['+0015035550100', []],
      ['5035550100x', []],
      ['5035550100x12345', []],
      ['503555010', ['invalidPhoneNumber']],
      ['5035550100x123456', ['invalidPhoneNumber']],
      ['503 555 0100 ext 1', ['invalidPhoneNumber']],
      ['++15035550100', ['invalidPhoneNumber']],
      ['phone', ['invalidPhoneNumber']],
      ['', []], // optional: sent empty, it is not given
      ['  ', []],
    ]);
  });
});

describe('organization', () => {
  it('takes a non-negative safe integer id and an optional name of up to 300 printable characters', () => {
    expectField(STUDENT, 'organization', [
      [{ id: 1, name: 'Organization name' }, []],
      [{ id: 1 }, []],
      [{ id: 1, name: '' }, []],
      [{ id: Number.MAX_SAFE_INTEGER }, []],
      [{ id: 1, name: 'x'.repeat(300) }, []],
      [{ id: 1, name: 'State U', idExtended: 'abc', source: 'EMPLOYER' }, []],
      [{}, ['invalidOrganization']],
      [{ name: 'State U' }, ['invalidOrganization']],
      [{ id: -1 }, ['invalidOrganization']],
      [{ id: 1.5 }, ['invalidOrganization']],
      [{ id: '1' }, ['invalidOrganization']],
      [{ id: null }, ['invalidOrganization']],
      [{ id: 2 ** 53 }, ['invalidOrganization']],
      [{ id: 1, name: 5 }, ['invalidOrganization']],
      [{ id: 1, name: null }, ['invalidOrganization']],
      [{ id: 1, name: 'x'.repeat(301) }, ['invalidOrganization']],
      [{ id: 1, name: '   ' }, ['invalidOrganization']],
      [{ id: 1, name: 'State\nU' }, ['invalidOrganization']],
    ]);
  });

  it('takes an open organization (id 0) only with a name, and only when the program allows open search', () => {
    const open = { openOrgSearchEnabled: true };
    expectField(STUDENT, 'organization', [[{ id: 0, name: 'My School' }, []]], open);
    expectField(STUDENT, 'organization', [[{ id: 0, name: 'My School' }, ['invalidOrganization']]]);
    expectField(STUDENT, 'organization', [[{ id: 0 }, ['invalidOrganization']]], open);
    expectField(STUDENT, 'organization', [[{ id: 0, name: '' }, ['invalidOrganization']]], open);
    expectField(STUDENT, 'organization', [[{ id: 0, name: '  ' }, ['invalidOrganization']]], open);
  });
});

describe('address fields (free text without control characters)', () => {
  it.each([
    ['address1', 200, 'invalidAddress1'],
    ['city', 100, 'invalidCity'],
  ])('%s: 1 to %i characters once trimmed, else %s', (field, max, id) => {
    expectField(EMPLOYEE, field, [
      ['1 Main St', []],
      ['x'.repeat(max), []],
      [` ${'x'.repeat(max)} `, []],
      ['Zürich, Bahnhofstraße 1', []],
      ['x'.repeat(max + 1), [id]],
      ['', [id]],
      ['   ', [id]],
      ['1 Main\nSt', [id]],
      ['1 Main St\n', [id]], // unlike names, surrounding control characters are not trimmed away
      ['1 Main\u007fSt', [id]],
    ]);
  });

  it('state: a 2 or 3 letter code or up to 60 characters of text, else invalidState (stateCode too)', () => {
    const cases: [unknown, string[]][] = [
      ['OR', []],
      ['ore', []],
      ['Oregon', []],
      ['x'.repeat(60), []],
      ['x'.repeat(61), ['invalidState']],
      ['O\tR', ['invalidState']],
    ];
    expectField(EMPLOYEE, 'state', [...cases, ['', ['invalidState']]]); // required
    expectField('collectFirstResponderPersonalInfo', 'stateCode', [...cases, ['', []]]); // optional: sent empty, it is not given
  });

  it('postal code: 2 to 12 letters, digits, spaces and hyphens once trimmed, starting with a letter or digit', () => {
    expectField(EMPLOYEE, 'postalCode', [
      ['97201', []],
      ['97201-1234', []],
      ['K1A 0B1', []],
      ['SW1A 1AA', []],
      [' 97201 ', []],
      ['AB', []],
      ['A'.repeat(12), []],
      ['A'.repeat(13), ['invalidPostalCode']],
      ['A', ['invalidPostalCode']],
      ['-9720', ['invalidPostalCode']],
      ['97201!', ['invalidPostalCode']],
      ['', ['invalidPostalCode']],
    ]);
  });

  it('country: two upper-case letters, else invalidCountry', () => {
    expectField(MEMBER, 'country', [
      ['US', []],
      ['CA', []],
      ['us', ['invalidCountry']],
      ['USA', ['invalidCountry']],
      [' US', ['invalidCountry']],
      ['', []], // optional: sent empty, it is not given
    ]);
  });
});

describe('locale (optional on every step)', () => {
  it('takes xx-YY or xx_YY, else invalidLocale', () => {
    expectField(STUDENT, 'locale', [
      ['en-US', []],
      ['fr_CA', []],
      ['en', ['invalidLocale']],
      ['en-us', ['invalidLocale']],
      ['EN-US', ['invalidLocale']],
      ['english', ['invalidLocale']],
      ['', []], // optional: sent empty, it is not given
    ]);
  });
});

describe('military dates and numbers', () => {
  it('discharge date: a past calendar day, not before the birth date', () => {
    // The valid inactive-military body was born on 1970-01-01.
    expectField(INACTIVE, 'dischargeDate', [
      ['1995-06-30', []],
      ['1970-01-01', []], // the day of birth
      ['2026-03-24', []], // today
      ['1969-12-31', ['dischargeDateBeforeBirthDate']],
      ['2026-03-25', ['futureDischargeDate']],
      ['1995-02-30', ['invalidDischargeDate']],
      ['1899-12-31', ['invalidDischargeDate']],
      ['30/06/1995', ['invalidDischargeDate']],
      ['', ['invalidDischargeDate']],
    ]);
  });

  it('compares the discharge date with a birth date only when that is a calendar day', () => {
    expect(idsOf(validate(INACTIVE, { birthDate: 'x', dischargeDate: '1960-01-01' }))).toEqual(['invalidBirthDate']);
    expect(idsOf(validate(INACTIVE, { birthDate: '2027-01-01', dischargeDate: '2020-01-01' }))).toEqual([
      'futureBirthDate',
      'dischargeDateBeforeBirthDate',
    ]);
  });

  it('social security number: 9 digits that could have been issued, as a number or as text with hyphens', () => {
    expectField(INACTIVE, 'socialSecurityNumber', [
      [123456789, []],
      ['123456789', []],
      ['123-45-6789', []],
      [12345678, ['invalidSocialSecurityNumber']],
      [1234567890, ['invalidSocialSecurityNumber']],
      [123456789.5, ['invalidSocialSecurityNumber']],
      ['12345678a', ['invalidSocialSecurityNumber']],
      ['123 45 6789', ['invalidSocialSecurityNumber']],
      // Never issued: area 000, 666 or 9xx, group 00, serial 0000.
      ['000-12-3456', ['invalidSocialSecurityNumber']],
      [666123456, ['invalidSocialSecurityNumber']],
      ['900-12-3456', ['invalidSocialSecurityNumber']],
      ['123-00-4567', ['invalidSocialSecurityNumber']],
      ['123-45-0000', ['invalidSocialSecurityNumber']],
      ['', []], // optional: sent empty, it is not given
    ]);
  });

  it('active duty start date: a calendar day, else the whole body is refused', () => {
    const step = 'collectActiveMilitaryPersonalInfo';
    expect(idsOf(validate(step, { activeDutyStartDate: '2010-06-01' }))).toEqual([]);
    expect(idsOf(validate(step, { activeDutyStartDate: '' }))).toEqual([]); // optional: sent empty, it is not given
    for (const value of ['2010-13-01', '01/06/2010'])
      expect(validate(step, { activeDutyStartDate: value }), value).toEqual({
        kind: 'invalidRequest',
        errorId: 'invalidRequest',
        message: "Property 'activeDutyStartDate' is not valid",
      });
  });
});

describe('identity numbers', () => {
  it('member id: 1 to 64 printable characters, else invalidMemberId', () => {
    expectField(MEMBER, 'memberId', [
      ['M-12345', []],
      ['x'.repeat(64), []],
      ['x'.repeat(65), ['invalidMemberId']],
      ['', []], // optional: sent empty, it is not given
      ['M\n1', ['invalidMemberId']],
    ]);
  });

  it('driver license number: 1 to 20 letters and digits, other characters ignored', () => {
    expectField('collectDriverLicensePersonalInfo', 'driverLicenseNumber', [
      ['D123-4567', []],
      ['AB 12 34', []],
      ['x'.repeat(20), []],
      [`${'x'.repeat(20)}--`, []],
      ['x'.repeat(21), ['invalidDriverLicenseNumber']],
      ['---', ['invalidDriverLicenseNumber']],
      ['', ['invalidDriverLicenseNumber']],
    ]);
  });

  it('EBT card number: 16 to 19 digits, spaces and hyphens ignored', () => {
    expectField('collectLowIncomePersonalInfo', 'ebtCardNumber', [
      ['1234567890123456', []],
      ['1234-5678-9012-3456', []],
      ['1234 5678 9012 3456 789', []],
      ['123456789012345', ['invalidEbtCardNumber']],
      ['12345678901234567890', ['invalidEbtCardNumber']],
      ['12345678901234ab', ['invalidEbtCardNumber']],
      ['', []], // optional: sent empty, it is not given
    ]);
  });
});

describe('IP addresses (optional on every step)', () => {
  it.each(['ipAddress', 'ipAddressExtended'])('%s: an IPv4 or IPv6 address, else the whole body is refused', (field) => {
    // Sent empty, it is not given.
    for (const value of ['192.168.0.1', '255.255.255.255', '0.0.0.0', '::1', '2001:db8::1', ''])
      expect(idsOf(validate(STUDENT, { [field]: value })), value).toEqual([]);
    for (const value of ['256.1.1.1', '1.2.3', '1.2.3.4.5', 'localhost', ':'])
      expect(validate(STUDENT, { [field]: value }), value).toEqual({
        kind: 'invalidRequest',
        errorId: 'invalidRequest',
        message: `Property '${field}' is not valid`,
      });
  });

  it('refuses the body for a bad address even when fields have recoverable problems too', () => {
    expect(validate(STUDENT, { firstName: '', ipAddress: 'nope' })).toEqual({
      kind: 'invalidRequest',
      errorId: 'invalidRequest',
      message: "Property 'ipAddress' is not valid",
    });
  });
});
