import { describe, expect, it } from 'vitest';
import {
  decideByAge,
  decideTestMode,
  organizationAcceptable,
  TEST_DOCUMENTS,
  testModeDecision,
} from '../../src/modules/verifications/domain/decision.ts';
import type { Person } from '../../src/modules/verifications/domain/person-validation.ts';

const person = (firstName: string): Person => ({ firstName, lastName: 'Random', email: 'randy@example.com' });

describe('test-mode person decisions (by first name)', () => {
  it.each([
    ['REJECTED', { kind: 'docUpload' }],
    ['UPLOAD', { kind: 'docUpload' }],
    ['__ERROR__', { kind: 'error', errorId: 'simulatedError', message: 'Simulated error requested by the test-mode first name __ERROR__' }],
    ['error', { kind: 'error', errorId: 'notApproved', message: 'Not approved, as the test-mode first name error asks' }],
    ['Randy', { kind: 'success' }],
    // Triggers are exact: another case or surrounding spaces is an ordinary name.
    ['rejected', { kind: 'success' }],
    ['Upload', { kind: 'success' }],
    [' UPLOAD', { kind: 'success' }],
    ['__error__', { kind: 'success' }],
    ['Error', { kind: 'success' }],
  ])('%j decides %j', (firstName, decision) => {
    expect(decideTestMode(person(firstName))).toEqual(decision);
  });

  it('reads the first name only', () => {
    expect(decideTestMode({ firstName: 'Randy', lastName: 'UPLOAD', email: 'upload@example.com' })).toEqual({ kind: 'success' });
  });
});

describe('age decisions', () => {
  const today = new Date('2026-03-24T12:00:00Z');
  const adult = { minAge: 18, maxAge: null };

  it.each([undefined, '', '1990-02-30', '2001-02-29', '01/01/1990', '1990-1-1', '1990-01-01T00:00:00Z'])(
    'answers invalidBirthDate for a birth date that is not a calendar day: %j',
    (birthDate) => {
      expect(decideByAge(birthDate, adult, today)).toEqual({ kind: 'fieldErrors', errorIds: ['invalidBirthDate'] });
    },
  );

  it.each([
    ['2008-03-24', { kind: 'success' }], // eighteenth birthday today
    ['2008-03-25', { kind: 'fieldErrors', errorIds: ['underagePerson'] }], // eighteen tomorrow
    ['2008-03-23', { kind: 'success' }],
    ['1900-01-01', { kind: 'success' }],
  ])('with a minimum age of 18, born %s decides %j', (birthDate, decision) => {
    expect(decideByAge(birthDate, adult, today)).toEqual(decision);
  });

  it.each([
    ['1961-03-25', { kind: 'success' }], // 64, turns 65 tomorrow
    ['1961-03-24', { kind: 'success' }], // 65 today: the maximum is included
    ['1960-03-25', { kind: 'success' }], // 65, turns 66 tomorrow
    ['1960-03-24', { kind: 'fieldErrors', errorIds: ['outsideAgePerson'] }], // 66 today
  ])('with a maximum age of 65, born %s decides %j', (birthDate, decision) => {
    expect(decideByAge(birthDate, { minAge: null, maxAge: 65 }, today)).toEqual(decision);
  });

  it('checks both bounds of a range', () => {
    const range = { minAge: 21, maxAge: 30 };
    expect(decideByAge('2005-03-25', range, today)).toEqual({ kind: 'fieldErrors', errorIds: ['underagePerson'] });
    expect(decideByAge('2005-03-24', range, today)).toEqual({ kind: 'success' });
    expect(decideByAge('1995-03-25', range, today)).toEqual({ kind: 'success' });
    expect(decideByAge('1995-03-24', range, today)).toEqual({ kind: 'fieldErrors', errorIds: ['outsideAgePerson'] });
  });

  it('takes a bound of 0 as a bound, and no bounds as any age', () => {
    expect(decideByAge('2026-03-25', { minAge: 0, maxAge: null }, today)).toEqual({ kind: 'fieldErrors', errorIds: ['underagePerson'] });
    expect(decideByAge('2026-03-24', { minAge: 0, maxAge: 0 }, today)).toEqual({ kind: 'success' });
    expect(decideByAge('2025-03-24', { minAge: 0, maxAge: 0 }, today)).toEqual({ kind: 'fieldErrors', errorIds: ['outsideAgePerson'] });
    expect(decideByAge('1900-01-01', { minAge: null, maxAge: null }, today)).toEqual({ kind: 'success' });
  });

  it('counts a 29 February birthday as reached on 1 March in a common year', () => {
    const bounds = { minAge: 18, maxAge: null };
    expect(decideByAge('2008-02-29', bounds, new Date('2026-02-28T12:00:00Z'))).toEqual({
      kind: 'fieldErrors',
      errorIds: ['underagePerson'],
    });
    expect(decideByAge('2008-02-29', bounds, new Date('2026-03-01T00:00:00Z'))).toEqual({ kind: 'success' });
    // In a leap year the birthday itself counts.
    const twenty = { minAge: 20, maxAge: null };
    expect(decideByAge('2012-02-29', twenty, new Date('2032-02-28T23:59:59Z'))).toEqual({
      kind: 'fieldErrors',
      errorIds: ['underagePerson'],
    });
    expect(decideByAge('2012-02-29', twenty, new Date('2032-02-29T00:00:00Z'))).toEqual({ kind: 'success' });
  });

  it('takes the UTC day of the clock as today', () => {
    // 23:30 in New York on the 24th is already the 25th in UTC.
    expect(decideByAge('2008-03-25', adult, new Date('2026-03-24T23:30:00-04:00'))).toEqual({ kind: 'success' });
    expect(decideByAge('2008-03-25', adult, new Date('2026-03-24T23:59:59Z'))).toEqual({
      kind: 'fieldErrors',
      errorIds: ['underagePerson'],
    });
    expect(decideByAge('2008-03-25', adult, new Date('2026-03-25T00:00:00Z'))).toEqual({ kind: 'success' });
  });
});

describe('organization acceptance', () => {
  const program = { orgTypes: ['UNIVERSITY', 'HIGH_SCHOOL'], excludedOrganizationIds: [7] };

  it.each([
    ['an unknown organization', null, program, false],
    ['an organization of one of the types', { id: 1, type: 'UNIVERSITY' }, program, true],
    ['an organization of another type', { id: 1, type: 'MILITARY' }, program, false],
    ['an excluded organization of one of the types', { id: 7, type: 'UNIVERSITY' }, program, false],
    ['any type when the program names none', { id: 1, type: 'MILITARY' }, { orgTypes: [], excludedOrganizationIds: [] }, true],
    [
      'an excluded organization when the program names no type',
      { id: 7, type: 'MILITARY' },
      { orgTypes: [], excludedOrganizationIds: [7] },
      false,
    ],
    ['a type that differs only in case', { id: 1, type: 'university' }, program, false],
  ])('%s: %j', (_name, org, rules, acceptable) => {
    expect(organizationAcceptable(org, rules)).toBe(acceptable);
  });
});

describe('test-mode document decisions (by file name)', () => {
  it('holds its file names in lower case, the form it compares them in', () => {
    expect(Object.keys(TEST_DOCUMENTS)).toEqual(Object.keys(TEST_DOCUMENTS).map((k) => k.toLowerCase()));
  });

  it.each([
    [['approve_sheerid_docreview_testmode.png'], 'APPROVE'],
    [['reject_sheerid_docreview_testmode.png'], 'REJECT'],
    // SheerID documents the names in mixed case; case and surrounding spaces do not matter.
    [['approve_sheerID_docReview_testMode.png'], 'APPROVE'],
    [['  REJECT_SHEERID_DOCREVIEW_TESTMODE.PNG '], 'REJECT'],
    [['needs_review_sheerID_docReview_testMode.png'], null],
    [['passport.png'], null],
    [['approve_sheerid_docreview_testmode.jpg'], null],
    [['scans/approve_sheerid_docreview_testmode.png'], null],
    [[], null],
    // The first file with a decision decides.
    [['passport.png', 'reject_sheerid_docreview_testmode.png', 'approve_sheerid_docreview_testmode.png'], 'REJECT'],
    [['needs_review_sheerID_docReview_testMode.png', 'approve_sheerid_docreview_testmode.png'], 'APPROVE'],
  ])('%j asks for %j', (names, decision) => {
    expect(testModeDecision(names)).toBe(decision);
  });
});
