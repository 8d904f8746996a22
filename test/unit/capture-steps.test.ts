import { describe, expect, it } from 'vitest';
import {
  type CaptureData,
  checkAddressForm,
  checkDocumentForm,
  checkIdentityForm,
  DOCUMENT_TYPES,
  hasBack,
  missingAddressParts,
  neededImages,
  nextStep,
  normalizeMrz,
  openableStep,
  STEPS,
} from '../../src/modules/capture/domain/capture.ts';

const identity = { firstName: 'Anna', middleName: null, lastName: 'Eriksson', dateOfBirth: '1974-08-12' };
const passport = { type: 'passport' as const, number: 'L898902C3', issuingCountry: 'Utopia', expiryDate: '2031-04-15', mrz: null };
const idCard = { ...passport, type: 'idCard' as const };
const address = { address: '1 Main St', city: 'Ottawa', province: 'ON', country: 'Canada', countryCode: 'CA', postalCode: 'K1A 0B1' };

// A capture as far as each step takes it, for a passport.
const stages: CaptureData[] = [
  {},
  { privacyAcceptedAt: '2026-03-01T12:00:00.000Z' },
  { privacyAcceptedAt: '2026-03-01T12:00:00.000Z', identity },
  { privacyAcceptedAt: '2026-03-01T12:00:00.000Z', identity, document: passport },
  { privacyAcceptedAt: '2026-03-01T12:00:00.000Z', identity, document: passport },
  { privacyAcceptedAt: '2026-03-01T12:00:00.000Z', identity, document: passport, address },
];
const imagesAt = [[], [], [], [], ['front', 'selfie'], ['front', 'selfie']];
const complete = stages[5];
const all = new Set(['front', 'selfie']);

describe('steps', () => {
  it('come in the documented order', () => {
    expect([...STEPS]).toEqual(['privacy', 'identity', 'document', 'photos', 'address', 'review']);
  });

  it.each(STEPS.map((step, i) => [step, i]))('a client resumes at %s once the steps before it are done', (step, i) => {
    expect(nextStep(stages[i], new Set(imagesAt[i]))).toBe(step);
  });

  it('a step missing early wins over later ones already saved', () => {
    // Data from later steps does not let the client skip an earlier one.
    expect(nextStep({ identity, document: passport, address }, all)).toBe('privacy');
    expect(nextStep({ privacyAcceptedAt: 'x', document: passport, address }, all)).toBe('identity');
    expect(nextStep({ privacyAcceptedAt: 'x', identity, address }, all)).toBe('document');
  });

  it('an empty acceptance time is not an acceptance', () => {
    expect(nextStep({ privacyAcceptedAt: '' }, new Set())).toBe('privacy');
  });
});

describe('photos', () => {
  it('a passport has no back; every other document type has one', () => {
    expect(DOCUMENT_TYPES.map((t) => [t, hasBack(t)])).toEqual([
      ['passport', false],
      ['driverLicence', true],
      ['idCard', true],
      ['prCard', true],
    ]);
  });

  it('asks for front and selfie for a passport, front, back and selfie for a card, in that order', () => {
    expect(neededImages({ document: passport })).toEqual(['front', 'selfie']);
    for (const type of ['driverLicence', 'idCard', 'prCard'] as const) {
      expect(neededImages({ document: { ...passport, type } })).toEqual(['front', 'back', 'selfie']);
    }
    // Before a document is chosen, only what every document needs.
    expect(neededImages({})).toEqual(['front', 'selfie']);
  });

  it.each([
    ['passport', [], 'photos'],
    ['passport', ['front'], 'photos'],
    ['passport', ['selfie'], 'photos'],
    ['passport', ['front', 'selfie'], 'address'],
    ['passport', ['back', 'selfie'], 'photos'],
    ['idCard', ['front', 'selfie'], 'photos'],
    ['idCard', ['front', 'back'], 'photos'],
    ['idCard', ['front', 'back', 'selfie'], 'address'],
  ] as const)('a %s with photos %j resumes at %s', (type, images, step) => {
    expect(nextStep({ privacyAcceptedAt: 'x', identity, document: { ...passport, type } }, new Set(images))).toBe(step);
  });

  it('a passport switched to a card needs the back photo again; a card switched to a passport does not', () => {
    const withPassport = { ...complete, document: passport };
    expect(nextStep(withPassport, new Set(['front', 'selfie']))).toBe('review');
    expect(nextStep({ ...complete, document: idCard }, new Set(['front', 'selfie']))).toBe('photos');
    expect(nextStep(withPassport, new Set(['front', 'back', 'selfie']))).toBe('review');
  });
});

describe('which step may be opened', () => {
  it('any step up to the first not done, so a client can go back and correct', () => {
    const partial = stages[3]; // document done, no photos yet
    const none = new Set<string>();
    expect(openableStep('privacy', partial, none)).toBe('privacy');
    expect(openableStep('identity', partial, none)).toBe('identity');
    expect(openableStep('document', partial, none)).toBe('document');
    expect(openableStep('photos', partial, none)).toBe('photos');
  });

  it('never a step after it: skipping ahead opens the first step not done', () => {
    const partial = stages[3];
    const none = new Set<string>();
    expect(openableStep('address', partial, none)).toBe('photos');
    expect(openableStep('review', partial, none)).toBe('photos');
    expect(openableStep('review', {}, none)).toBe('privacy');
    expect(openableStep('identity', {}, none)).toBe('privacy');
  });

  it('a finished capture opens at review and can reopen every step', () => {
    expect(openableStep(undefined, complete, all)).toBe('review');
    for (const step of STEPS) expect(openableStep(step, complete, all)).toBe(step);
  });

  it.each([undefined, '', 'Review', 'submit', 'constructor', '__proto__', 'toString', '0', '-1'])(
    'an unknown step (%j) opens the first step not done',
    (wanted) => {
      expect(openableStep(wanted, stages[2], new Set())).toBe('document');
      expect(openableStep(wanted, complete, all)).toBe('review');
    },
  );
});

describe('identity form', () => {
  const now = new Date('2026-03-01T23:30:00Z');
  const form = { firstName: ' Anna ', middleName: ' Maria ', lastName: 'Eriksson', dateOfBirth: '1974-08-12' };

  it('keeps the trimmed values; the middle name is optional', () => {
    expect(checkIdentityForm(form, now)).toEqual({
      value: { firstName: 'Anna', middleName: 'Maria', lastName: 'Eriksson', dateOfBirth: '1974-08-12' },
      errors: {},
    });
    for (const middleName of [undefined, '', '   ', 7]) {
      expect(checkIdentityForm({ ...form, middleName }, now).value?.middleName).toBeNull();
    }
  });

  it('names each missing or unusable field, and returns no value', () => {
    expect(checkIdentityForm({}, now)).toEqual({ errors: { firstName: 'required', lastName: 'required', dateOfBirth: 'required' } });
    expect(checkIdentityForm({ ...form, firstName: ['Anna'], lastName: 42 }, now)).toEqual({
      errors: { firstName: 'required', lastName: 'required' },
    });
    expect(checkIdentityForm({ ...form, firstName: 'A'.repeat(101), middleName: 'B\u0007' }, now)).toEqual({
      errors: { firstName: 'tooLong', middleName: 'tooLong' },
    });
    expect(checkIdentityForm({ ...form, lastName: 'Line\nbreak' }, now).errors).toEqual({ lastName: 'tooLong' });
  });

  it('takes names up to 100 characters', () => {
    expect(checkIdentityForm({ ...form, firstName: 'A'.repeat(100) }, now).value?.firstName).toBe('A'.repeat(100));
  });

  it.each([
    ['1900-01-01', null],
    ['2026-03-01', null], // today, by the UTC date of `now`
    ['1899-12-31', 'badDate'],
    ['2026-03-02', 'futureBirthDate'],
    ['2000-02-30', 'badDate'],
    ['2001-02-29', 'badDate'],
    ['2000-02-29', null],
    ['12/08/1974', 'badDate'],
    ['1974-8-12', 'badDate'],
    ['1974-08-12T00', 'tooLong'],
  ])('date of birth %s: %s', (dateOfBirth, error) => {
    const r = checkIdentityForm({ ...form, dateOfBirth }, now);
    expect(r.errors).toEqual(error ? { dateOfBirth: error } : {});
    expect(r.value?.dateOfBirth).toBe(error ? undefined : dateOfBirth);
  });

  it('judges "today" by the clock it is given', () => {
    expect(checkIdentityForm({ ...form, dateOfBirth: '2030-06-01' }, new Date('2030-06-01T00:00:00Z')).errors).toEqual({});
    expect(checkIdentityForm({ ...form, dateOfBirth: '2030-06-01' }, new Date('2030-05-31T23:59:59Z')).errors).toEqual({
      dateOfBirth: 'futureBirthDate',
    });
  });
});

describe('document form', () => {
  const form = { type: 'passport', number: ' L898902C3 ', issuingCountry: 'Utopia', expiryDate: '2012-04-15' };
  const line1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
  const line2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';

  it('keeps the trimmed values; the zone is optional and an expired date is taken (a check records it)', () => {
    expect(checkDocumentForm(form)).toEqual({
      value: { type: 'passport', number: 'L898902C3', issuingCountry: 'Utopia', expiryDate: '2012-04-15', mrz: null },
      errors: {},
    });
  });

  it.each([...DOCUMENT_TYPES])('takes the type %s', (type) => {
    expect(checkDocumentForm({ ...form, type }).value?.type).toBe(type);
  });

  it.each([undefined, '', 'Passport', 'visa', ['passport'], 1])('refuses the type %j', (type) => {
    expect(checkDocumentForm({ ...form, type })).toEqual({ errors: { type: 'required' } });
  });

  it('names each missing, overlong or impossible field', () => {
    expect(checkDocumentForm({})).toEqual({
      errors: { type: 'required', number: 'required', issuingCountry: 'required', expiryDate: 'required' },
    });
    expect(checkDocumentForm({ ...form, number: 'N'.repeat(31), issuingCountry: 'C'.repeat(61), expiryDate: '2001-02-29' })).toEqual({
      errors: { number: 'tooLong', issuingCountry: 'tooLong', expiryDate: 'badDate' },
    });
    expect(checkDocumentForm({ ...form, number: 'N'.repeat(30), issuingCountry: 'C'.repeat(60) }).errors).toEqual({});
  });

  it('takes the zone on two lines, whatever the line ending, in upper case without spaces', () => {
    for (const sep of ['\n', '\r\n']) {
      const typed = `  ${line1.toLowerCase()}${sep}${line2.slice(0, 20)} ${line2.slice(20)}  `;
      expect(checkDocumentForm({ ...form, mrz: typed }).value?.mrz).toBe(`${line1}\n${line2}`);
    }
  });

  it('takes a zone of only spaces and line breaks without error, as no zone', () => {
    // Kept as an empty string rather than null; the checks read both as "no zone entered".
    expect(checkDocumentForm({ ...form, mrz: ' \n \r\n ' })).toMatchObject({ value: { mrz: '' }, errors: {} });
    expect(checkDocumentForm({ ...form, mrz: '   ' })).toMatchObject({ value: { mrz: null }, errors: {} });
    expect(checkDocumentForm({ ...form, mrz: 12 })).toMatchObject({ value: { mrz: null }, errors: {} });
  });

  it('refuses a zone with characters an MRZ cannot hold, or too long to be one', () => {
    expect(checkDocumentForm({ ...form, mrz: `${line1}\n${line2.replace('ZE', 'Z-')}` }).errors).toEqual({ mrz: 'badMrz' });
    expect(checkDocumentForm({ ...form, mrz: 'P<UTOÉRIKSSON' }).errors).toEqual({ mrz: 'badMrz' });
    expect(checkDocumentForm({ ...form, mrz: 'A'.repeat(201) }).errors).toEqual({ mrz: 'tooLong' });
    expect(checkDocumentForm({ ...form, mrz: `${line1}\t${line2}` }).errors).toEqual({ mrz: 'tooLong' });
  });
});

describe('normalizeMrz', () => {
  it.each([
    ['p<uto eriksson', 'P<UTOERIKSSON'],
    ['ab\ncd', 'AB\nCD'],
    ['ab\r\ncd', 'AB\nCD'],
    ['ab\n\n  \ncd\n', 'AB\nCD'],
    ['  ', ''],
  ])('%j reads as %j', (typed, normalized) => {
    expect(normalizeMrz(typed)).toBe(normalized);
  });
});

describe('address form', () => {
  const form = { address: ' 1 Main St ', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', countryCode: 'CA', country: 'ignored' };

  it('records the English name of a listed country, whatever was typed', () => {
    expect(checkAddressForm(form)).toEqual({
      value: { address: '1 Main St', city: 'Ottawa', province: 'ON', country: 'Canada', countryCode: 'CA', postalCode: 'K1A 0B1' },
      errors: {},
    });
    expect(checkAddressForm({ countryCode: 'GB' }).value?.country).toBe('United Kingdom');
  });

  it('records the typed country for "Other"', () => {
    expect(checkAddressForm({ countryCode: 'OTHER', country: ' Utopia ' }).value?.country).toBe('Utopia');
    expect(checkAddressForm({ countryCode: 'OTHER' }).value?.country).toBe('');
  });

  it('takes an incomplete address: completeness is a check, not a form error', () => {
    expect(checkAddressForm({ countryCode: 'US' })).toEqual({
      value: { address: '', city: '', province: null, country: 'United States', countryCode: 'US', postalCode: '' },
      errors: {},
    });
  });

  it.each([undefined, '', 'ca', 'XX', 'toString', '__proto__', 'hasOwnProperty', ['CA']])('refuses the country code %j', (countryCode) => {
    expect(checkAddressForm({ ...form, countryCode })).toEqual({ errors: { countryCode: 'required' } });
  });

  it('refuses overlong fields', () => {
    expect(
      checkAddressForm({ ...form, address: 'a'.repeat(201), city: 'c'.repeat(101), postalCode: '1'.repeat(13), country: 'x'.repeat(61) }),
    ).toEqual({ errors: { address: 'tooLong', city: 'tooLong', postalCode: 'tooLong', country: 'tooLong' } });
    expect(checkAddressForm({ ...form, address: 'a'.repeat(200), postalCode: '1'.repeat(12) }).errors).toEqual({});
  });
});

describe('missing address parts', () => {
  it('lists nothing for a complete address', () => {
    expect(missingAddressParts(address)).toEqual([]);
  });

  it('lists every missing part, in order', () => {
    expect(missingAddressParts({ address: '', city: '', province: null, country: '', countryCode: 'US', postalCode: '' })).toEqual([
      'street address',
      'city',
      'province or state',
      'country',
      'postal code',
    ]);
  });

  it('needs a province or state in Canada and the United States only', () => {
    expect(missingAddressParts({ ...address, province: null })).toEqual(['province or state']);
    expect(missingAddressParts({ ...address, countryCode: 'US', country: 'United States', province: null, postalCode: '10001' })).toEqual([
      'province or state',
    ]);
    for (const [countryCode, postalCode] of [
      ['FR', '75001'],
      ['GB', 'SW1A 1AA'],
      ['OTHER', '1234'],
    ]) {
      expect(missingAddressParts({ ...address, countryCode, province: null, postalCode })).toEqual([]);
    }
  });

  it.each([
    ['CA', 'K1A 0B1', true],
    ['CA', 'K1A0B1', true],
    ['CA', 'k1a 0b1', true],
    ['CA', 'K1A  0B1', false],
    ['CA', '12345', false],
    ['US', '10001', true],
    ['US', '10001-1234', true],
    ['US', '1000', false],
    ['US', '10001-12', false],
    ['US', '10001 1234', false],
    ['US', '100011234', false],
    ['FR', '75001', true],
    ['FR', '7500', false],
    ['FR', 'F-75001', false],
    ['GB', 'anything', true],
    ['OTHER', '?', true],
  ])('%s postal code %j well formed: %s', (countryCode, postalCode, ok) => {
    expect(missingAddressParts({ ...address, countryCode, postalCode })).toEqual(ok ? [] : [`a valid ${countryCode} postal code`]);
  });
});
