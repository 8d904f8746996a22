import { describe, expect, it } from 'vitest';
import {
  accepts,
  sameRequestKey,
  secondsToNextUtcDay,
  splitByAcceptance,
  typeForApprovedSchool,
  utcDay,
} from '../../src/modules/add-school/domain/add-school-request.ts';
import { domainAndParents, normalizeDomain } from '../../src/modules/organizations/domain/domain-names.ts';

const program = { types: ['UNIVERSITY', 'POST_SECONDARY'], countries: ['US', 'CA'], excludedIds: [7] };

describe('which organizations a program accepts', () => {
  it.each([
    [{ id: 1, type: 'UNIVERSITY', country: 'US' }, true],
    [{ id: 1, type: 'POST_SECONDARY', country: 'CA' }, true],
    // Unknown country (a school on a generic domain): taken, as the organization search does.
    [{ id: 1, type: 'UNIVERSITY', country: null }, true],
    [{ id: 1, type: 'K12', country: 'US' }, false],
    [{ id: 1, type: 'UNIVERSITY', country: 'FR' }, false],
    [{ id: 7, type: 'UNIVERSITY', country: 'US' }, false],
  ])('%o: %s', (org, expected) => {
    expect(accepts(program, org)).toBe(expected);
  });

  it('takes any type when the program lists none', () => {
    expect(accepts({ ...program, types: [] }, { id: 1, type: 'MEMBERSHIP', country: 'US' })).toBe(true);
  });

  it('splits a list keeping its order', () => {
    const found = [
      { id: 1, type: 'UNIVERSITY', country: 'US' },
      { id: 2, type: 'K12', country: 'US' },
      { id: 3, type: 'UNIVERSITY', country: null },
      { id: 7, type: 'UNIVERSITY', country: 'US' },
    ];
    const split = splitByAcceptance(program, found);
    expect(split.eligible.map((o) => o.id)).toEqual([1, 3]);
    expect(split.ineligible.map((o) => o.id)).toEqual([2, 7]);
  });
});

describe('the type an approved school is added with', () => {
  it.each([
    [['UNIVERSITY', 'POST_SECONDARY', 'HIGH_SCHOOL'], 'UNIVERSITY'],
    [['HIGH_SCHOOL', 'POST_SECONDARY'], 'POST_SECONDARY'],
    [['K12'], 'K12'],
    [['MEMBERSHIP'], 'MEMBERSHIP'],
    [[], 'UNIVERSITY'],
  ])('%o → %s', (types, expected) => {
    expect(typeForApprovedSchool(types)).toBe(expected);
  });
});

describe('the daily cap’s day', () => {
  it('is the UTC day, and the wait runs to the next UTC midnight', () => {
    expect(utcDay(new Date('2026-05-04T23:59:59.999Z'))).toBe('2026-05-04');
    expect(secondsToNextUtcDay(new Date('2026-05-04T10:00:00Z'))).toBe(14 * 3600);
    expect(secondsToNextUtcDay(new Date('2026-12-31T23:59:59.500Z'))).toBe(1);
    expect(secondsToNextUtcDay(new Date('2026-05-05T00:00:00Z'))).toBe(24 * 3600);
  });
});

describe('what makes two requests the same', () => {
  it('is the email in any case and the domain', () => {
    expect(sameRequestKey(' Ada@Example.EDU ', 'example.edu')).toBe(sameRequestKey('ada@example.edu', 'example.edu'));
    expect(sameRequestKey('ada@example.edu', 'example.edu')).not.toBe(sameRequestKey('ada@example.edu', 'other.edu'));
    // The separator cannot be forged by an email that ends like a domain.
    expect(sameRequestKey('a@b.c', 'd.e')).not.toBe(sameRequestKey('a@b.c\nd', 'e'));
  });
});

describe('domain names', () => {
  it.each([
    ['Stanford.EDU', 'stanford.edu'],
    [' cs.stanford.edu. ', 'cs.stanford.edu'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['localhost', null],
    ['https://stanford.edu', null],
    ['stanford.edu/path', null],
    ['stanford.edu:443', null],
    ['under_score.edu', null],
    ['-lead.edu', null],
    ['10.0.0.1', null],
    ['', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeDomain(raw)).toBe(expected);
  });

  it('lists a domain and the ones it lies under, down to two labels', () => {
    expect(domainAndParents('mail.cs.stanford.edu')).toEqual(['mail.cs.stanford.edu', 'cs.stanford.edu', 'stanford.edu']);
    expect(domainAndParents('ox.ac.uk')).toEqual(['ox.ac.uk', 'ac.uk']);
    expect(domainAndParents('stanford.edu')).toEqual(['stanford.edu']);
  });
});
