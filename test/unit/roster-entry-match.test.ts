import { describe, expect, it } from 'vitest';
import { entryMatches } from '../../src/modules/rosters/domain/entry-match.ts';

const person = { nameHash: 'n1', birthDateHash: 'b1', emailHash: 'e1' };
const entry = { name_hash: 'n1', organization_id: 7, birth_date_hash: 'b1', email_hash: null, affiliation: 'STUDENT' };
const any = { organizationId: null };

describe('roster entry matching', () => {
  it('matches on name and birth date, or on name and email', () => {
    expect(entryMatches(entry, person, any)).toBe(true);
    expect(entryMatches({ ...entry, birth_date_hash: null, email_hash: 'e1' }, person, any)).toBe(true);
  });

  it('needs a second identifier besides the name', () => {
    expect(entryMatches({ ...entry, birth_date_hash: 'b2' }, person, any)).toBe(false);
    expect(entryMatches(entry, { ...person, birthDateHash: null }, any)).toBe(false);
    expect(entryMatches({ ...entry, name_hash: 'n2' }, person, any)).toBe(false);
  });

  it('holds to the requested organization and affiliations', () => {
    expect(entryMatches(entry, person, { organizationId: 7 })).toBe(true);
    expect(entryMatches(entry, person, { organizationId: 8 })).toBe(false);
    expect(entryMatches(entry, person, { organizationId: null, affiliations: ['STUDENT', 'FACULTY'] })).toBe(true);
    expect(entryMatches(entry, person, { organizationId: null, affiliations: ['FACULTY'] })).toBe(false);
    expect(entryMatches({ ...entry, affiliation: null }, person, { organizationId: null, affiliations: ['STUDENT'] })).toBe(false);
  });
});
