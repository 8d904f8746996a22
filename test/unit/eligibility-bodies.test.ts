import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeclaration } from '../../src/modules/documents/index.ts';
import { COMMON_FIELDS, PERSON_STEPS } from '../../src/modules/eligibility-terms/index.ts';
import { MAX_FILES_PER_ATTEMPT } from '../../src/modules/verifications/app/document-steps.ts';
import { validatePerson, type ValidationContext } from '../../src/modules/verifications/domain/person-validation.ts';
import { stepBodyReader } from '../../src/modules/verifications/http/step-bodies.ts';
import { VALID_BODIES } from '../support/bodies.ts';

/**
 * The step schemas took over the shape checks of the person and document bodies, which the domain still
 * makes for every other caller. Whatever the body, the route's reading and the domain's must agree: a body
 * the schema refuses, the domain refuses with the same errorId and sentence; a body it takes, the domain
 * judges as it judged the body sent (so a value answered with an errorId on the same step still is).
 */
const RUNS = Number(process.env.FC_RUNS ?? 300);
const ctx: ValidationContext = {
  today: new Date('2026-03-24T12:00:00Z'),
  openOrgSearchEnabled: true,
  allowedSubSegments: null,
  marketConsentRequired: false,
};
/** What the domain still checks on a body the schema takes: the metadata's values and limits, and two formats. */
const LEFT_TO_THE_DOMAIN =
  /^(Metadata (key|value) |At most \d+ metadata values|Property '(activeDutyStartDate|ipAddress|ipAddressExtended)' is not valid)/;

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', 'x', 5, true, [], {}, ['FIREFIGHTER'], 'FIREFIGHTER', '2001-02-03', '1-1-1', '127.0.0.1'),
);
const withKey = (b: Record<string, unknown>, k: string, v: unknown) => ({ ...b, [k]: v });

/** A person body near a valid one: a property replaced, removed or added, the organization or metadata bent, or not an object. */
function personBodies(step: string) {
  const base = VALID_BODIES[step];
  const def = PERSON_STEPS[step];
  const known = [...def.required, ...def.optional, ...COMMON_FIELDS];
  const key = fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom('invalidKey', 'toString', 'status', 'universityId'),
    fc.string({ maxLength: 8 }),
  );
  return fc.oneof(
    fc.tuple(key, value).map(([k, v]) => withKey(base, k, v)),
    fc.tuple(key, value, key, value).map(([k1, v1, k2, v2]) => withKey(withKey(base, k1, v1), k2, v2)),
    fc.constantFrom(...Object.keys(base)).map((k) => Object.fromEntries(Object.entries(base).filter(([x]) => x !== k))),
    fc
      .dictionary(fc.constantFrom('id', 'name', 'idExtended', 'source', 'type'), value, { maxKeys: 3 })
      .map((o) => withKey(base, 'organization', o)),
    fc.oneof(value, fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 })).map((m) => withKey(base, 'metadata', m)),
    fc.tuple(value, key, value).map(([m, k, v]) => withKey(withKey(base, 'metadata', m), k, v)),
    value,
  );
}

describe('the step schemas agree with the domain on every body', () => {
  it.each(Object.keys(PERSON_STEPS))('%s', (step) => {
    const def = PERSON_STEPS[step];
    fc.assert(
      fc.property(personBodies(step), (body) => {
        const read = stepBodyReader(body).person(step);
        const domain = validatePerson(def, body, ctx);
        if (read.kind !== 'ok') {
          expect(domain).toEqual(read);
          return;
        }
        expect(validatePerson(def, read.value, ctx)).toEqual(domain);
        if (domain.kind === 'invalidRequest') expect(domain.message).toMatch(LEFT_TO_THE_DOMAIN);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a metadata key named __proto__ as its own, as the domain does', () => {
    const body = { ...VALID_BODIES.collectStudentPersonalInfo, metadata: JSON.parse('{"__proto__": "x", "a": 1}') };
    const read = stepBodyReader(body).person('collectStudentPersonalInfo');
    expect(read.kind).toBe('ok');
    if (read.kind !== 'ok') return;
    expect(validatePerson(PERSON_STEPS.collectStudentPersonalInfo, read.value, ctx)).toMatchObject({
      kind: 'ok',
      metadata: JSON.parse('{"__proto__": "x", "a": "1"}'),
    });
  });

  it('docUpload: the file list as the seed sends it, or under files', () => {
    const file = fc.oneof(
      fc.record({ fileName: fc.constantFrom('a.png', '', ' ', 'a/b.png', 'x'.repeat(256)), mimeType: value, fileSize: value }),
      fc.record({ fileName: value, mimeType: fc.constantFrom('image/png', 'text/plain'), fileSize: fc.integer() }, { requiredKeys: [] }),
      fc.record({ fileName: fc.constant('a.png'), mimeType: fc.constant('image/png'), fileSize: fc.constant(10), extra: value }),
      value,
    );
    const list = fc.array(file, { maxLength: MAX_FILES_PER_ATTEMPT + 2 });
    const body = fc.oneof(
      list,
      list.map((files) => ({ files })),
      fc.tuple(list, fc.string({ maxLength: 6 })).map(([files, k]) => ({ files, [k]: 1 })),
      value,
    );
    fc.assert(
      fc.property(body, (b) => {
        const limits = { maxFiles: MAX_FILES_PER_ATTEMPT, maxFileSize: 1000 };
        const read = stepBodyReader(b).files();
        const domain = checkDeclaration(b, limits);
        if (read.kind !== 'ok') {
          expect(domain).toEqual(read);
          return;
        }
        expect(domain.kind).not.toBe('invalidRequest');
        expect(checkDeclaration(read.value, limits)).toEqual(domain);
      }),
      { numRuns: RUNS },
    );
  });

  it('collectMilitaryStatus and completeDocUpload take only what their steps took', () => {
    const military = (body: unknown) => stepBodyReader(body).militaryStatus();
    expect(military({ status: 'ADMIRAL' })).toEqual({ kind: 'ok', value: { status: 'ADMIRAL' } });
    expect(military({})).toEqual({ kind: 'ok', value: {} });
    for (const [body, message] of [
      [{ status: 5 }, "Property 'status' must be a string"],
      [{ status: null }, "Property 'status' must be a string"],
      [{ status: 'VETERAN', other: 1 }, "Unexpected property 'other', expected one of: status"],
      [null, 'Request body must be a JSON object'],
      [['status'], 'Request body must be a JSON object'],
    ] as const) {
      expect(military(body)).toEqual({ kind: 'invalidRequest', errorId: 'invalidRequest', message });
    }
    const empty = (body: unknown) => stepBodyReader(body).empty();
    for (const body of [undefined, null, {}]) expect(empty(body)).toEqual({ kind: 'ok', value: null });
    for (const body of [{ a: 1 }, [], 'x', 0]) {
      expect(empty(body)).toEqual({ kind: 'invalidRequest', errorId: 'invalidRequest', message: 'completeDocUpload takes an empty body' });
    }
  });

  it('names the first problem as the domain did: an unknown property first, then the properties in the order sent, the metadata last', () => {
    const step = 'collectStudentPersonalInfo';
    const message = (body: unknown) => {
      const read = stepBodyReader(body).person(step);
      return read.kind === 'ok' ? null : read.message;
    };
    const base = VALID_BODIES[step];
    expect(message({ lastName: 5, firstName: 5, ...base, zz: 1 })).toMatch(
      /^Unexpected property 'zz', expected one of: firstName, lastName, email,/,
    );
    expect(message({ metadata: 5, lastName: 5, firstName: 'A', email: 'a@example.com' })).toBe("Property 'lastName' must be a string");
    expect(message({ email: [], firstName: 5 })).toBe("Property 'email' must be a string");
    expect(message({ ...base, organization: { id: 1, zz: 1 } })).toBe(
      "Unexpected property 'organization.zz', expected one of: id, name, idExtended, source",
    );
    expect(message({ ...base, organization: [] })).toBe("Request body property 'organization' must be a JSON object");
  });
});
