import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * Properties of step submission over real HTTP: whatever body arrives, the server answers in the eligibility
 * shape, never with a 5xx, and a refused body (non-recoverable error or recoverable field errors) leaves the
 * verification exactly as it was. A failing run prints its seed; set FC_SEED to replay it.
 */

let driverLicenseProgram: string;

const RUNS = Number(process.env.FC_RUNS ?? 40);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const fcParams = { numRuns: RUNS, interruptAfterTimeLimit: 20_000, ...(SEED !== undefined ? { seed: SEED } : {}) };

const t = useTestApp();
beforeAll(async () => {
  const created = await api(`${t.app.url}/manage/v1/programs`, {
    token: t.demo.token,
    body: {
      name: 'Driver license test program',
      segment: 'identity',
      subSegments: ['driverLicense'],
      testMode: true,
      offerType: 'staticCode',
      staticCode: 'DEMO-DL',
    },
  });
  expect(created.status).toBe(201);
  driverLicenseProgram = created.json.id;
});

// ---------------------------------------------------------------------------------------------------------
// Reaching each step on a fresh verification
// ---------------------------------------------------------------------------------------------------------

/** How a fresh verification reaches each step: the program to start it in, and a military status to pick first. */
const ROUTES: Record<string, { program: string; militaryStatus?: string }> = {
  collectStudentPersonalInfo: { program: 'student' },
  collectTeacherPersonalInfo: { program: 'teacher' },
  collectMilitaryStatus: { program: 'military' },
  collectActiveMilitaryPersonalInfo: { program: 'military', militaryStatus: 'ACTIVE_DUTY' },
  collectInactiveMilitaryPersonalInfo: { program: 'military', militaryStatus: 'VETERAN' },
  collectSeniorPersonalInfo: { program: 'senior' },
  collectAgePersonalInfo: { program: 'age' },
  collectFirstResponderPersonalInfo: { program: 'firstResponder' },
  collectMedicalProfessionalPersonalInfo: { program: 'medical' },
  collectEmployeePersonalInfo: { program: 'employment' },
  collectMemberPersonalInfo: { program: 'member' },
  collectLicensedProfessionalInfo: { program: 'licensedProfessional' },
  collectMoverPersonalInfo: { program: 'recentMover' },
  collectLowIncomePersonalInfo: { program: 'lowIncome' },
  collectDriverLicensePersonalInfo: { program: 'driverLicense' },
  collectGeneralIdentityPersonalInfo: { program: 'identity' },
};

const BODIES: Record<string, Record<string, unknown>> = { ...VALID_BODIES, collectMilitaryStatus: { status: 'VETERAN' } };
const STEPS = Object.keys(BODIES);

interface Live {
  id: string;
  submissionUrl: string;
  status: unknown;
}

async function status(id: string) {
  const r = await api(`${t.app.url}/rest/v2/verification/${id}`);
  expect(r.status).toBe(200);
  return r.json;
}

/** A new verification standing on `step`, with its status as GET answers it. */
async function fresh(step: string): Promise<Live> {
  const route = ROUTES[step];
  const programId = route.program === 'driverLicense' ? driverLicenseProgram : t.demo.programs[route.program];
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId } });
  expect(created.status).toBe(200);
  let at = created.json;
  if (route.militaryStatus) {
    const moved = await api(at.submissionUrl, { body: { status: route.militaryStatus } });
    expect(moved.status).toBe(200);
    at = moved.json;
  }
  expect(at.currentStep).toBe(step);
  return { id: at.verificationId, submissionUrl: at.submissionUrl, status: await status(at.verificationId) };
}

// ---------------------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------------------

type Payload =
  | { kind: 'json'; label: string; body: unknown }
  | { kind: 'raw'; label: string; data: string | Uint8Array; contentType: string | null };

/** Long strings are shortened when fast-check prints a counterexample. */
const short = (s: string) => (s.length > 120 ? `${JSON.stringify(s.slice(0, 60))}... (${s.length} chars)` : JSON.stringify(s));
function printable(value: unknown): string {
  if (typeof value === 'string') return short(value);
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  if (Array.isArray(value))
    return value.length > 20
      ? `[${value.slice(0, 5).map(printable).join(', ')}, ... (${value.length} items)]`
      : `[${value.map(printable).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const shown = entries.slice(0, 30).map(([k, v]) => `${short(k)}: ${printable(v)}`);
    return `{${shown.join(', ')}${entries.length > 30 ? `, ... (${entries.length} keys)` : ''}}`;
  }
  return String(value);
}
function payload(p: Payload): Payload {
  return Object.assign(p, {
    [fc.toStringMethod]: () =>
      p.kind === 'json'
        ? `${p.label}: ${printable(p.body)}`
        : `${p.label}: ${printable(p.data)} as ${p.contentType ?? '(no content type)'}`,
  });
}
const json = (label: string, body: unknown) => payload({ kind: 'json', label, body });

const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const withKey = (o: Record<string, unknown>, key: string, value: unknown) => {
  const copy: Record<string, unknown> = { ...o };
  // defineProperty, so that a key named __proto__ becomes an own property and is sent as such.
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
};

/** Characters that break naive handling: controls, NUL, separators, bidi marks, lone surrogates, astral, combining. */
const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\ud800', '\udfff'];
const OTHER_CHARS = [
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u2028',
  '\u2029',
  '\u202e',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud83d\ude00',
  '\u0301',
  '\u0130',
  'ß',
  '\u{1d518}',
  '"',
  '\\',
  "'",
  '%',
  '_',
  '<',
  '>',
  '&',
  '${',
  '{{',
  '%00',
  '\\u0000',
  '/*',
  '--',
  ';',
];
/** Names every plain object inherits: a lookup table indexed by a submitted string must not find them. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable'];
/** An unpaired UTF-16 surrogate, which no URL can carry. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// NUL gets a weight of its own: PostgreSQL text and jsonb cannot hold it, so it is the likeliest to reach the store badly.
const specialChar = fc.oneof(
  { weight: 1, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL_CHARS) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER_CHARS) },
);
const weirdString = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: specialChar, minLength: 1, maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), specialChar, fc.string({ unit: 'grapheme-ascii', maxLength: 10 }))
      .map(([a, c, b]) => `${a}${c}${b}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '   ',
      'REJECTED',
      'UPLOAD',
      '__ERROR__',
      'null',
      'undefined',
      '0',
      'true',
      '[]',
      '{}',
      '1900-01-01',
      '2100-01-01',
      '0000-00-00',
      '2001-02-30',
      '9999-12-31',
      'a@b',
      'a@b.c',
      '@example.com',
      ...PROTOTYPE_NAMES,
    ),
  },
);
/** A valid string with one special character slipped in, so that the rest of the body still passes. */
const slipIn = (value: unknown) =>
  fc.tuple(fc.nat(), specialChar).map(([at, c]) => {
    const s = typeof value === 'string' ? value : JSON.stringify(value);
    const i = at % (s.length + 1);
    return `${s.slice(0, i)}${c}${s.slice(i)}`;
  });
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, -0, 0.5),
);
const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 1_200_000 }), fc.constantFrom('x', 'é', '\u0000', '\ud83d\ude00', ' '))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const unknownKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'invalidKey',
    'organization.id',
    '',
    'FirstName',
    'firstname',
    ' firstName',
    'status',
    'statuses',
    'organization',
    'metadata',
    'verificationId',
    'currentStep',
  ),
);

function bodyArbitrary(step: string): fc.Arbitrary<Payload> {
  const base = BODIES[step];
  const keys = Object.keys(base);
  const key = fc.constantFrom(...keys);
  const hasOrganization = 'organization' in base;
  const org = (base.organization ?? { id: 1, name: 'Organization name' }) as Record<string, unknown>;
  const withOrg = (label: string, organization: unknown) =>
    json(`${label}${hasOrganization ? '' : ' (step has no organization)'}`, withKey(base, 'organization', organization));

  const organizationMutation = fc.oneof(
    fc.jsonValue().map((o) => withOrg('organization replaced', o)),
    fc
      .tuple(fc.constantFrom('id', 'name', 'idExtended', 'source'), fc.oneof(fc.jsonValue(), wrongType, weirdString))
      .map(([k, v]) => withOrg(`organization.${k} replaced`, withKey(org, k, v))),
    fc
      .constantFrom(-1, 0, 0.5, 1e21, 2 ** 53, Number.MAX_SAFE_INTEGER, 10_000_000_000, 99_999_999_999_999, -0)
      .map((id) => withOrg('organization.id edge', { ...org, id })),
    weirdString.map((name) => withOrg('organization.name weird', { ...org, name })),
    slipIn(org.name).map((name) => withOrg('organization.name with a special character', { ...org, name })),
    hugeString.map((name) => withOrg('organization.name huge', { ...org, name })),
    fc.constantFrom('id', 'name').map((k) => withOrg(`organization without ${k}`, without(org, k))),
    fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => withOrg('organization extra key', withKey(org, k, v))),
    fc.constantFrom<unknown>(null, [], [org], 'Organization name', 1, true, {}).map((o) => withOrg('organization not an object', o)),
    fc.constant(withOrg('organization nested', { ...org, name: { name: org.name } })),
  );

  const statusesMutation = fc
    .oneof(
      fc.constantFrom<unknown>([], ['BOGUS'], ['NURSE', 'BOGUS'], 'FIREFIGHTER', [null], [1], [[]], ['firefighter'], ['']),
      fc.array(fc.oneof(weirdString, fc.constantFrom('POLICE', 'NURSE', 'ARCHITECT', 'HOME_BUYER', 'SNAP_BENEFITS')), { maxLength: 5 }),
      fc.integer({ min: 1_000, max: 100_000 }).map((n) => Array.from({ length: n }, () => 'POLICE')),
    )
    .chain((statuses) => fc.constantFrom('statuses', 'status').map((k) => json(`${k} mutated`, withKey(base, k, statuses))));

  const metadataMutation = fc
    .oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), wrongType), { maxKeys: 5 }),
      fc.integer({ min: 49, max: 60 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']))),
      fc.integer({ min: 9_990, max: 10_010 }).map((n) => ({ note: 'm'.repeat(n) })),
      fc.constant({ ['k'.repeat(201)]: 'v' }),
      weirdString.map((s) => ({ [s]: s })),
    )
    .map((m) => json('metadata mutated', withKey(base, 'metadata', m)));

  const nonObject = fc
    .oneof(
      fc.array(fc.jsonValue(), { maxLength: 4 }),
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 20 }),
      fc.boolean(),
      fc.constant([base]),
      fc.constant(JSON.stringify(base)),
    )
    .map((b) => json('not an object', b));

  const asForm = new URLSearchParams(Object.entries(base).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
  const raw = fc
    .tuple(
      fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom(
          '',
          '{',
          '{"firstName": ',
          '[',
          'null',
          'nul',
          '{}}',
          '{"a":1,}',
          "{'firstName':'x'}",
          '\ufeff{}',
          'NaN',
          '1e999',
          JSON.stringify(base),
          `${JSON.stringify(base)}garbage`,
          `\ufeff${JSON.stringify(base)}`,
          `${JSON.stringify(base)}\n${JSON.stringify(base)}`,
          JSON.stringify(base).replace('{', '{"__proto__":{"x":1},'),
          JSON.stringify(base).replace('{', '{"constructor":{"prototype":{"x":1}},'),
          asForm,
          '<person><firstName>Randy</firstName></person>',
          'firstName,lastName\nRandy,Random',
        ),
        fc.uint8Array({ maxLength: 60 }),
        fc.constant(Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
        fc.constant(Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
      ),
      fc.constantFrom<string | null>(
        null,
        '',
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'APPLICATION/JSON',
        'application/json;;',
        'application/jsonx',
        'application/vnd.api+json',
        'application/problem+json',
        'text/plain',
        'text/plain; charset=utf-8',
        'text/csv',
        'text/html',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
        'image/png',
        '*/*',
        'json',
        '\u00e9/\u00e9',
      ),
    )
    .map(([data, contentType]) => payload({ kind: 'raw', label: 'raw payload', data, contentType }));

  return fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue().map((b) => json('arbitrary JSON', b)) },
    { weight: 2, arbitrary: key.map((k) => json(`without ${k}`, without(base, k))) },
    { weight: 3, arbitrary: fc.tuple(key, fc.jsonValue()).map(([k, v]) => json(`${k} replaced`, withKey(base, k, v))) },
    { weight: 2, arbitrary: fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => json(`extra key ${short(k)}`, withKey(base, k, v))) },
    { weight: 3, arbitrary: fc.tuple(key, weirdString).map(([k, v]) => json(`${k} weird string`, withKey(base, k, v))) },
    {
      weight: 3,
      arbitrary: key.chain((k) => slipIn(base[k]).map((v) => json(`${k} with a special character`, withKey(base, k, v)))),
    },
    { weight: 2, arbitrary: fc.tuple(key, wrongType).map(([k, v]) => json(`${k} wrong type`, withKey(base, k, v))) },
    { weight: 1, arbitrary: fc.tuple(key, hugeString).map(([k, v]) => json(`${k} huge`, withKey(base, k, v))) },
    { weight: hasOrganization ? 5 : 1, arbitrary: organizationMutation },
    { weight: 'statuses' in base ? 2 : 1, arbitrary: statusesMutation },
    { weight: 1, arbitrary: metadataMutation },
    { weight: 2, arbitrary: nonObject },
    { weight: 3, arbitrary: raw },
  );
}

/**
 * Bodies tried before the random ones on every run: each string field of the valid body with a NUL appended,
 * an organization whose name holds one (PostgreSQL text and jsonb cannot store U+0000), and statuses named
 * after inherited object properties.
 */
function hazards(step: string): [Payload][] {
  const base = BODIES[step];
  const out: Payload[] = Object.entries(base)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => json(`${k} with NUL`, withKey(base, k, `${v as string}\u0000`)));
  if (step !== 'collectMilitaryStatus') {
    const org = (base.organization ?? { id: 1, name: 'Organization name' }) as Record<string, unknown>;
    out.push(json('organization.name with NUL', withKey(base, 'organization', { ...org, name: 'Organization\u0000name' })));
  }
  if (step === 'collectMilitaryStatus')
    out.push(...PROTOTYPE_NAMES.map((name) => json('status named after an inherited property', { status: name })));
  if ('statuses' in base) {
    out.push(...PROTOTYPE_NAMES.map((name) => json('statuses named after an inherited property', withKey(base, 'statuses', [name]))));
    out.push(json('status named after an inherited property', withKey(without(base, 'statuses'), 'status', 'toString')));
  }
  return out.map((p) => [p]);
}

async function send(url: string, p: Payload) {
  const headers: Record<string, string> = {};
  let body: string | Uint8Array<ArrayBuffer>;
  if (p.kind === 'json') {
    body = JSON.stringify(p.body);
    headers['content-type'] = 'application/json';
  } else {
    // A byte body leaves the content type unset unless one is given; a string body would default to text/plain.
    body =
      typeof p.data === 'string' && p.contentType !== null
        ? p.data
        : Uint8Array.from(typeof p.data === 'string' ? Buffer.from(p.data) : p.data);
    if (p.contentType !== null) headers['content-type'] = p.contentType;
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

describe(`step submissions under random and mutated bodies (${TEST_STORE})`, () => {
  it.each(STEPS)(
    '%s: never a 5xx, always the eligibility shape, a refused body changes nothing',
    async (step) => {
      let live = await fresh(step);
      await fc.assert(
        fc.asyncProperty(bodyArbitrary(step), async (p) => {
          const res = await send(live.submissionUrl, p);
          expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
          expect(res.contentType).toMatch(/^application\/json/);
          const answer = JSON.parse(res.text);
          expect(typeof answer.currentStep).toBe('string');
          expect(Array.isArray(answer.errorIds)).toBe(true);

          const after = await status(live.id);
          const refused = answer.currentStep === 'error' && res.status >= 400;
          const recoverable = res.status === 200 && answer.currentStep === step && answer.errorIds.length > 0;
          if (refused) {
            expect(answer.errorIds.length).toBeGreaterThan(0);
            expect(typeof answer.systemErrorMessage).toBe('string');
            expect([null, live.id]).toContain(answer.verificationId);
            expect(after).toEqual(live.status);
          } else if (recoverable) {
            expect(answer).toMatchObject({ verificationId: live.id, submissionUrl: live.submissionUrl });
            expect(after).toEqual(live.status);
          } else {
            // Anything else is a move: a 200 onto another step, which the status then reports verbatim.
            expect(res.status, res.text.slice(0, 500)).toBe(200);
            expect(answer.currentStep).not.toBe(step);
            expect(answer.errorIds.length === 0 || answer.currentStep === 'error').toBe(true);
            expect(after).toEqual(answer);
            live = await fresh(step);
          }
        }),
        { ...fcParams, examples: hazards(step) },
      );
    },
    60_000,
  );

  it('starting a verification: never a 5xx, always the eligibility shape', async () => {
    const programId = t.demo.programs.student;
    const field = fc.constantFrom('trackingId', 'installPageUrl', 'locale', 'country', 'metadata', 'programId');
    const createBody = fc.oneof(
      fc.jsonValue().map((b) => json('arbitrary JSON', b)),
      fc
        .tuple(field, fc.oneof(weirdString, wrongType, fc.jsonValue(), hugeString))
        .map(([k, v]) => json(`${k} mutated`, withKey({ programId }, k, v))),
      fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => json(`extra key ${short(k)}`, withKey({ programId }, k, v))),
    );
    await fc.assert(
      fc.asyncProperty(createBody, async (p) => {
        const res = await send(`${t.app.url}/rest/v2/verification`, p);
        expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
        expect(res.contentType).toMatch(/^application\/json/);
        const answer = JSON.parse(res.text);
        expect(typeof answer.currentStep).toBe('string');
        expect(Array.isArray(answer.errorIds)).toBe(true);
        if (res.status === 200) expect(answer.currentStep).toBe('collectStudentPersonalInfo');
        else expect(answer.currentStep).toBe('error');
      }),
      {
        ...fcParams,
        numRuns: RUNS * 2,
        examples: [
          [json('trackingId with NUL', { programId, trackingId: 'order\u000042' })],
          [json('locale with NUL', { programId, locale: 'en-US\u0000' })],
        ],
      },
    );
  }, 60_000);

  it('looking a verification up by tracking id: never a 5xx, always the eligibility shape', async () => {
    // A path segment as sent: a percent-encoded string, or raw percent-encoded bytes (not always valid UTF-8).
    const segment = fc.oneof(
      // Lone surrogates cannot be percent-encoded; they would never reach the server as such.
      fc.oneof(weirdString, fc.string({ maxLength: 300 })).map((s) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'))),
      fc
        .uint8Array({ minLength: 1, maxLength: 8 })
        .map((bytes) => [...bytes].map((x) => `%${x.toString(16).padStart(2, '0').toUpperCase()}`).join('')),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (encoded) => {
        const res = await api(`${t.app.url}/rest/v2/verification/program/${t.demo.programs.student}/trackingId/${encoded}`, {
          token: t.demo.token,
        });
        expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(typeof res.json?.currentStep, res.text.slice(0, 500)).toBe('string');
        expect(Array.isArray(res.json?.errorIds), res.text.slice(0, 500)).toBe(true);
      }),
      { ...fcParams, numRuns: RUNS * 2, examples: [['order%0042'], ['%25'], ['..'], ['%C0%80'], ['%FF']] },
    );
  }, 60_000);

  it('query strings of the program theme and organization search: never a 5xx, always the eligibility shape', async () => {
    const value = fc.oneof(
      weirdString.map((v) => encodeURIComponent(v.replace(LONE_SURROGATE, '\ufffd'))),
      fc.uint8Array({ minLength: 1, maxLength: 6 }).map((bytes) => [...bytes].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')),
    );
    const query = fc
      .tuple(fc.constantFrom('theme?locale=', 'organization?name=', 'organization?name=a&country='), value)
      .map(([path, v]) => `${path}${v}`);
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await api(`${t.app.url}/rest/v2/program/${t.demo.programs.student}/${q}`);
        expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        if (res.status >= 400) {
          expect(res.json?.currentStep, res.text.slice(0, 500)).toBe('error');
          expect(Array.isArray(res.json?.errorIds)).toBe(true);
        }
      }),
      {
        ...fcParams,
        numRuns: RUNS * 2,
        examples: PROTOTYPE_NAMES.flatMap((n) => [[`theme?locale=${n}`], [`organization?name=${n}&country=${n}`]]),
      },
    );
  }, 60_000);
});
