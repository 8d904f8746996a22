import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { openStore, migrate, type Store } from '../../src/platform/db/index.ts';
import { createOrganizationsModule, isCountryCode, type OrganizationsModule } from '../../src/modules/organizations/index.ts';
import { baseIdOfDomain } from '../../src/modules/organizations/infra/academic-directory.ts';
import { AppError } from '../../src/shared/errors.ts';

const A = 'acc_orgs_a';
const B = 'acc_orgs_b';
/** Derived from the domain `stanford.edu`: the same on every start and every release of the data. */
const STANFORD_ID = 5_309_774_945;

let store: Store;
let orgs: OrganizationsModule;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

async function countOrganizations(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from organizations`.execute(store.db);
  return rows[0].n;
}

beforeAll(async () => {
  store = await openStore({});
  await migrate(store);
  await store.db
    .insertInto('accounts')
    .values([
      { id: A, name: 'Account A', slug: 'orgs-a' },
      { id: B, name: 'Account B', slug: 'orgs-b' },
    ])
    .execute();
  orgs = createOrganizationsModule(store.db);
  await orgs.warmUp();
});

afterAll(async () => {
  await store?.close();
});

describe('academic directory', () => {
  it('finds Stanford University with a stable id', async () => {
    const found = await orgs.search({ accountId: A, name: 'stanford' });
    const stanford = found.find((o) => o.name === 'Stanford University');
    expect(stanford).toEqual({
      id: STANFORD_ID,
      name: 'Stanford University',
      type: 'UNIVERSITY',
      country: 'US',
      domain: 'stanford.edu',
    });
    expect(baseIdOfDomain('stanford.edu')).toBe(STANFORD_ID);
    expect(found[0].name).toBe('Stanford University');
  });

  it('round-trips an id through find', async () => {
    expect(await orgs.find(A, STANFORD_ID)).toMatchObject({ name: 'Stanford University', domain: 'stanford.edu' });
    const [oxford] = await orgs.search({ accountId: B, name: 'University of Oxford', countries: ['gb'] });
    expect(oxford).toMatchObject({ name: 'University of Oxford', country: 'GB', domain: 'ox.ac.uk' });
    expect(await orgs.find(B, oxford.id)).toEqual(oxford);
    expect(await orgs.find(A, 12345)).toBeNull();
  });

  it('matches without regard to case or accents, and by domain', async () => {
    const [fau] = await orgs.search({ accountId: A, name: 'ALEXANDER-UNIVERSITAT ERLANGEN-NURNBERG' });
    expect(fau).toMatchObject({ name: 'Friedrich-Alexander-Universität Erlangen-Nürnberg', domain: 'fau.de', country: 'DE' });
    const [charite] = await orgs.search({ accountId: A, name: 'charité' });
    expect(charite.name).toBe('Charité - Universitätsmedizin Berlin');
    const mit = await orgs.search({ accountId: A, name: 'mit', countries: ['US'], limit: 5 });
    expect(mit.map((o) => o.domain)).toContain('mit.edu');
  });

  it('keeps to the requested countries and types', async () => {
    const inGb = await orgs.search({ accountId: A, name: 'stanford', countries: ['GB'] });
    expect(inGb.every((o) => o.country === 'GB' || o.country === null)).toBe(true);
    expect(inGb.some((o) => o.domain === 'stanford.edu')).toBe(false);
    expect(await orgs.search({ accountId: A, name: 'stanford', types: ['MILITARY'] })).toEqual([]);
    expect(await orgs.search({ accountId: A, name: 'university', limit: 7 })).toHaveLength(7);
  });

  it('returns nothing for a blank name and rejects an overlong one', async () => {
    expect(await orgs.search({ accountId: A, name: '   ' })).toEqual([]);
    expect((await rejection(orgs.search({ accountId: A, name: 'x'.repeat(201) }))).code).toBe('invalidRequest');
  });
});

describe('country codes', () => {
  it('takes the ISO 3166-1 alpha-2 codes (and XK), upper case, and nothing else', () => {
    for (const code of ['US', 'GB', 'CA', 'DE', 'CZ', 'XK', 'AQ', 'SS']) expect(isCountryCode(code), code).toBe(true);
    for (const code of ['UK', 'ZZ', 'EU', 'QQ', 'AA', 'us', 'USA', 'U', '']) expect(isCountryCode(code), code).toBe(false);
  });
});

describe('imported organizations', () => {
  let zyxqoId = 0;

  it('imports a CSV into one account', async () => {
    const csv =
      '\uFEFFname,type,country,domain\r\n' +
      'Zyxqo Fire Brigade,FIRST_RESPONDER,us,zyxqo-fire.example\r\n' +
      '"Zyxqo Members, Inc.",membership,,\r\n' +
      'Stanford University,UNIVERSITY,US,stanford.edu\r\n' +
      '100% Club,MEMBERSHIP,GB,\r\n' +
      'Plain Club,MEMBERSHIP,,\r\n';
    const result = await orgs.importCsv(A, csv);
    expect(result.imported).toBe(5);
    expect(result.organizations.map((o) => o.name)).toEqual([
      'Zyxqo Fire Brigade',
      'Zyxqo Members, Inc.',
      'Stanford University',
      '100% Club',
      'Plain Club',
    ]);
    expect(result.organizations.every((o) => o.id >= 10_000_000_000)).toBe(true);
    zyxqoId = result.organizations[0].id;
    expect(await orgs.find(A, zyxqoId)).toEqual({
      id: zyxqoId,
      name: 'Zyxqo Fire Brigade',
      type: 'FIRST_RESPONDER',
      country: 'US',
      domain: 'zyxqo-fire.example',
    });
  });

  it('shows an account its own organizations first, without repeating a name', async () => {
    const found = await orgs.search({ accountId: A, name: 'stanford' });
    expect(found[0].id).toBeGreaterThanOrEqual(10_000_000_000);
    expect(found.filter((o) => o.name === 'Stanford University')).toHaveLength(1);
    expect((await orgs.search({ accountId: A, name: 'zyxqo' })).map((o) => o.name)).toEqual(['Zyxqo Fire Brigade', 'Zyxqo Members, Inc.']);
  });

  it('never shows one account the organizations of another', async () => {
    expect(await orgs.search({ accountId: B, name: 'zyxqo' })).toEqual([]);
    expect(await orgs.find(B, zyxqoId)).toBeNull();
    const forB = await orgs.search({ accountId: B, name: 'stanford' });
    expect(forB.every((o) => o.id < 10_000_000_000)).toBe(true);
  });

  it('searches the built-in directory alone when no account is named', async () => {
    expect(await orgs.search({ accountId: null, name: 'zyxqo' })).toEqual([]);
    const [first] = await orgs.search({ accountId: null, name: 'stanford' });
    expect(first).toMatchObject({ id: STANFORD_ID, name: 'Stanford University' });
  });

  it("describes the organization submitted on a verification from the account's imports, the directory, or what was sent", async () => {
    const submitted = (accountId: string, organization: { id: number; name: string | null } | null, segment = 'student') =>
      createOrganizationsModule(store.db, {
        submittedOrganization: async (principal, verificationId) => {
          expect(principal.accountId).toBe(accountId);
          return { accountId, verificationId, segment, country: 'CA', organization };
        },
      });
    const principal = (accountId: string) => ({ accountId, tokenId: 't', clientId: null, roles: ['VERIFIER'] as const });
    const empty = { street: '', city: '', state: '', zip: '' };

    expect(await submitted(A, { id: zyxqoId, name: 'typed' }).ofVerification(principal(A), 'v1')).toEqual({
      id: zyxqoId,
      name: 'Zyxqo Fire Brigade',
      type: 'FIRST_RESPONDER',
      ...empty,
      country: 'US',
    });
    expect(await submitted(B, { id: STANFORD_ID, name: 'Stanford' }).ofVerification(principal(B), 'v2')).toEqual({
      id: STANFORD_ID,
      name: 'Stanford University',
      type: 'UNIVERSITY',
      ...empty,
      country: 'US',
    });
    // A's import means nothing on B's verification; an organization the person typed (id 0) is described by what was sent.
    for (const id of [zyxqoId, 0]) {
      expect(await submitted(B, { id, name: 'Night School' }, 'teacher').ofVerification(principal(B), 'v3')).toEqual({
        id,
        name: 'Night School',
        type: 'UNIVERSITY',
        ...empty,
        country: 'CA',
      });
    }
    const none = await rejection(submitted(A, null, 'age').ofVerification(principal(A), 'v4'));
    expect([none.code, none.status, none.message]).toEqual([
      'noOrganization',
      404,
      "No organization was submitted on the verification with ID 'v4'",
    ]);
  });

  it('takes % and _ in a name literally', async () => {
    expect((await orgs.search({ accountId: A, name: '%', types: ['MEMBERSHIP'] })).map((o) => o.name)).toEqual(['100% Club']);
    expect((await orgs.search({ accountId: A, name: '0% c', types: ['MEMBERSHIP'] })).map((o) => o.name)).toEqual(['100% Club']);
    expect(await orgs.search({ accountId: A, name: 'Pl_in', types: ['MEMBERSHIP'] })).toEqual([]);
  });

  it('imports nothing when any row is bad', async () => {
    const before = await countOrganizations();
    const bad: [string, RegExp][] = [
      ['name,type\nGood One,CORPORATE\nBad Type,SPACESHIP\n', /^CSV line 3: type 'SPACESHIP'/],
      ['name,type\nGood One,CORPORATE\n,CORPORATE\n', /^CSV line 3: name is empty/],
      ['name,type\nGood One,CORPORATE\nToo,Many,Columns\n', /^CSV line 3: expected 2 columns/],
      ['name,type,country\nGood One,CORPORATE,USA\n', /^CSV line 2: country 'USA'/],
      ['type,country\nCORPORATE,US\n', /'name'/],
      ['name,type,colour\nGood One,CORPORATE,red\n', /unknown column/],
      ['name,type\n"Unclosed,CORPORATE\n', /^CSV line 2: /],
    ];
    for (const [csv, message] of bad) {
      const e = await rejection(orgs.importCsv(A, csv));
      expect(e.code).toBe('invalidRequest');
      expect(e.message).toMatch(message);
    }
    expect(await countOrganizations()).toBe(before);
  });

  it('lists every bad row in the error details', async () => {
    const e = await rejection(orgs.importCsv(B, 'name,type\n,K12\nOk,K12\nX,NOPE\n'));
    expect(e.details).toMatchObject({ problemCount: 2, problems: [{ line: 2 }, { line: 4 }] });
  });

  it('imports a large file in chunks', async () => {
    const lines = ['name,type'];
    for (let i = 0; i < 1_203; i++) lines.push(`Bulk Org ${String(i).padStart(4, '0')},CORPORATE`);
    const result = await orgs.importCsv(B, lines.join('\n'));
    expect(result.imported).toBe(1_203);
    expect(result.organizations).toHaveLength(100);
    expect(result.organizations[0].name).toBe('Bulk Org 0000');
    const found = await orgs.search({ accountId: B, name: 'bulk org 1202', types: ['CORPORATE'] });
    expect(found.map((o) => o.name)).toEqual(['Bulk Org 1202']);
  });
});
