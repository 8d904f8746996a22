import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * Whatever JSON reaches a route that stores JSON (deeply nested, lone surrogates, huge strings, arbitrary
 * shapes), the answer comes within the request timeout, is never a 5xx, and the server answers the next
 * request. A failing run prints its seed; set FC_SEED to replay it.
 */
const RUNS = Number(process.env.FC_RUNS ?? 15);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const fcParams = { numRuns: RUNS, interruptAfterTimeLimit: 40_000, ...(SEED !== undefined ? { seed: SEED } : {}) };
const ANSWER_WITHIN_MS = 20_000;

const t = useTestApp();

/** JSON text nesting `depth` levels (objects and arrays in turn) around `leaf`: built as text, as no client stack need hold it. */
const nested = (depth: number, leaf: unknown) => {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '[' : '{"k":')).join('');
  const close = Array.from({ length: depth }, (_, i) => (i % 2 ? ']' : '}'))
    .reverse()
    .join('');
  return `${open}${JSON.stringify(leaf)}${close}`;
};

/** Strings with the troublesome cases over-represented: lone surrogates, NUL, huge ones (as a length, so a report stays short). */
type Leaf = string | { repeat: number };
const leafOf = (l: Leaf) => (typeof l === 'string' ? l : 'x'.repeat(l.repeat));
const hostileLeaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\ud800', 'a\udfffb', '\u0000', '\r\n', '😀'),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => ({ repeat: n })),
);
/** A hostile value, described rather than built, so that fast-check can print a failing case. */
type Hostile = { json: unknown } | { depth: number; leaf: Leaf } | { keys: [Leaf, Leaf][] } | { leaf: Leaf };
const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((json) => ({ json })),
  fc.record({ depth: fc.integer({ min: 20, max: 6000 }), leaf: hostileLeaf }),
  fc.array(fc.tuple(hostileLeaf, hostileLeaf), { maxLength: 5 }).map((keys) => ({ keys })),
  hostileLeaf.map((leaf) => ({ leaf })),
);
/** The value as JSON text. */
const build = (h: Hostile): string => {
  if ('json' in h) return JSON.stringify(h.json);
  if ('depth' in h) return nested(h.depth, leafOf(h.leaf));
  if ('keys' in h) return JSON.stringify(Object.fromEntries(h.keys.map(([k, v]) => [leafOf(k), leafOf(v)])));
  return JSON.stringify(leafOf(h.leaf));
};
const SLOT = '"__hostile__"';

/** The routes that store JSON, each with the hostile value put where its stored JSON goes. */
interface Route {
  name: string;
  path: () => Promise<string> | string;
  token: boolean;
  body: (x: unknown) => unknown;
  /** Where what an accepted request stored is read back (with the account's token). */
  readBack?: (answer: any) => string;
}
const details = (answer: any) => `/rest/v2/verification/${answer.verificationId}/details`;
const ROUTES: Route[] = [
  {
    name: 'start verification (metadata)',
    path: () => '/rest/v2/verification',
    token: false,
    readBack: details,
    body: (x) => ({ programId: t.demo.programs.student, metadata: x }),
  },
  {
    name: 'submit step (metadata)',
    token: false,
    readBack: details,
    body: (x) => ({ ...VALID_BODIES.collectStudentPersonalInfo, metadata: x }),
    path: async () => {
      const r = await fetch(`${t.app.url}/rest/v2/verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ programId: t.demo.programs.student }),
      });
      return new URL((await r.json()).submissionUrl).pathname;
    },
  },
  {
    name: 'create program (messages)',
    path: () => '/manage/v1/programs',
    token: true,
    readBack: (answer) => `/rest/v2/program/${answer.id}/theme`,
    body: (x) => ({ name: `P ${Math.random()}`, segment: 'student', staticCode: 'X', messages: { 'en-US': x } }),
  },
  { name: 'settings', path: () => '/manage/v1/settings', token: true, body: (x) => ({ linkLifetimeHours: x }) },
  { name: 'webhook', path: () => '/manage/v1/webhooks', token: true, body: (x) => ({ url: 'https://example.com/hook', eventTypes: x }) },
  {
    name: 'client request',
    path: () => '/api/client/create-verification-request',
    token: true,
    body: (x) => ({ requesterReferenceId: 'R', clients: [{ firstName: x, lastName: 'L', email: 'a@example.com' }] }),
  },
  {
    name: 'report',
    path: () => '/rest/v2/report/verification',
    token: true,
    body: (x) => ({ programId: t.demo.programs.student, params: x }),
  },
];

async function send(path: string, token: boolean, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${t.demo.token}`;
  const method = path === '/manage/v1/settings' ? 'PATCH' : 'POST';
  const res = await fetch(`${t.app.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  return { status: res.status, text: await res.text() };
}

describe(`text that is not well-formed Unicode (${TEST_STORE})`, () => {
  it("is refused where it enters, in the dialect's shape, and nothing is stored", async () => {
    const trackingId = `surrogate-${Date.now()}`;
    const refused = await send(
      '/rest/v2/verification',
      false,
      `{"programId":"${t.demo.programs.student}","trackingId":"${trackingId}","metadata":{"\\ud800":"x"}}`,
    );
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
    expect(JSON.parse(refused.text).systemErrorMessage).toMatch(/not well-formed Unicode/);
    const stored = await t.app.running.container.store.db
      .selectFrom('verifications')
      .select('id')
      .where('tracking_id', '=', trackingId)
      .execute();
    expect(stored).toEqual([]);
    const envelope = await send('/api/client/create-verification-request', true, '{"requesterReferenceId":"a\\udc00b","clients":[]}');
    expect(envelope.status).toBe(400);
    expect(JSON.parse(envelope.text)).toMatchObject({ statusCode: 400, message: 'Bad Request' });
  });
});

describe(`hostile JSON on every route that stores JSON (${TEST_STORE})`, () => {
  for (const route of ROUTES) {
    it(`${route.name}: no 5xx, no hang, and the next request is answered`, async () => {
      await fc.assert(
        fc.asyncProperty(hostile, fc.boolean(), async (h, whole) => {
          const x = build(h);
          const body = whole ? x : JSON.stringify(route.body(JSON.parse(SLOT))).replace(SLOT, () => x);
          if (body.length > 900_000) return; // past the body limit is a separate, tested refusal
          const res = await send(await route.path(), route.token, body);
          expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
          if (res.status < 300 && route.readBack) {
            const stored = await fetch(`${t.app.url}${route.readBack(JSON.parse(res.text))}`, {
              headers: { authorization: `Bearer ${t.demo.token}` },
              signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
            });
            expect(stored.status, await stored.text()).toBe(200);
          }
          const health = await fetch(`${t.app.url}/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
          expect(health.status).toBe(200);
        }),
        {
          ...fcParams,
          examples: [
            [{ depth: 2000, leaf: 'deep' }, false],
            [{ keys: [['\ud800', 'x']] }, false],
            [{ depth: 5000, leaf: '\udc00' }, true],
          ],
        },
      );
    }, 120_000);
  }
});
