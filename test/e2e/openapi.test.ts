import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/main/version.ts';
import { PERSON_STEPS, SEGMENTS } from '../../src/modules/eligibility-terms/index.ts';
import { possibleSteps } from '../../src/modules/verifications/domain/possible-steps.ts';
import { TERMINAL_STEPS } from '../../src/modules/verifications/domain/verification.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';

type Content = Record<string, { schema?: Record<string, unknown> }>;
type Operation = {
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { description?: string; required?: boolean; content?: Content };
  responses?: Record<string, { description?: string; content?: Content }>;
};
type Document = {
  openapi: string;
  info: { version: string };
  servers?: { url: string }[];
  tags?: { name: string }[];
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
};

let app: TestApp;
let doc: Document;
let text: string;
beforeAll(async () => {
  app = await startTestApp();
  const r = await api(`${app.url}/openapi.json`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  text = r.text;
  doc = r.json;
});
afterAll(async () => {
  await app?.close();
});

/** Fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const operation = (method: string, url: string): Operation | undefined => doc.paths[openApiPath(url)]?.[method.toLowerCase()];
const routes = () => app.running.app.apiRoutes();
/** Every operation under one of `prefixes`, named `METHOD /path`. */
const operationsUnder = (...prefixes: string[]) =>
  Object.entries(doc.paths)
    .filter(([path]) => prefixes.some((p) => path.startsWith(p)))
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op })));
/** A JSON Schema as the document gives it. */
type Json = { type?: string; title?: string; enum?: unknown[]; anyOf?: Json[]; items?: Json; properties?: Record<string, Json> } & Record<
  string,
  unknown
>;
const jsonBody = (method: string, path: string) => doc.paths[path][method].requestBody?.content?.['application/json']?.schema as Json;
const jsonAnswer = (method: string, path: string, code: string) =>
  doc.paths[path][method].responses?.[code]?.content?.['application/json'] as { schema: Json; examples?: Record<string, { value: any }> };
/** The bodies that may be left out: a step (completeDocUpload is sent without one), an event replay, the OAuth2 token request (credentials in HTTP Basic). */
const BODY_OPTIONAL = [
  'POST /rest/v2/verification/{verificationId}/step/{step}',
  'POST /manage/v1/webhooks/events/{eventId}/replay',
  'POST /rest/v2/oauth/token',
];

describe(`the OpenAPI document at /openapi.json (${TEST_STORE})`, () => {
  it('is valid OpenAPI 3.1 and names the server, its version, its tags and how to authenticate', async () => {
    const result = await validate(JSON.parse(text));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(VERSION);
    expect(doc.servers).toEqual([{ url: app.url }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.clientBasic).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(operation('POST', '/rest/v2/oauth/token')?.security).toEqual([{ clientBasic: [] }, {}]);

    const declaredTags = new Set(doc.tags?.map((t) => t.name));
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.flatMap((op) => op.tags ?? []).filter((t) => !declaredTags.has(t))).toEqual([]);
    const schemes = operations.flatMap((op) => op.security ?? []).flatMap((requirement) => Object.keys(requirement));
    expect(schemes.filter((s) => !(s in doc.components.securitySchemes))).toEqual([]);
  });

  it('describes the body and the answer of every client-request route (/api)', () => {
    const dialect = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })));
    expect(dialect.length).toBeGreaterThanOrEqual(16);
    const described = (content: Content | undefined) =>
      Object.entries(content ?? {}).some(([type, media]) => type !== '*/*' && media.schema && Object.keys(media.schema).length > 0);
    // Every route of the dialect is a POST with a body: the stand-in for a body not yet described is `*/*` with schema {}.
    const bodiless = dialect.filter(({ method, op }) => method === 'post' && !described(op.requestBody?.content));
    expect(bodiless.map((o) => o.name)).toEqual([]);
    expect(dialect.filter(({ op }) => op.requestBody?.description === 'Not yet described in this document').map((o) => o.name)).toEqual([]);
    const unanswered = dialect.filter(({ op }) => !described(op.responses?.['200']?.content));
    expect(unanswered.map((o) => o.name)).toEqual([]);
    // Errors come in the envelope: a refused body at least, on every route.
    const envelope = (op: Operation) => op.responses?.['400']?.content?.['application/json']?.schema as { properties?: object } | undefined;
    expect(dialect.filter(({ op }) => !envelope(op)?.properties || !('errors' in envelope(op)!.properties!)).map((o) => o.name)).toEqual(
      [],
    );
    const answer = (path: string) =>
      doc.paths[path].post.responses!['200'].content!['application/json'].schema as { properties: Record<string, any> };
    expect(Object.keys(answer('/api/casefile/details').properties)).toEqual(['statusCode', 'message', 'data', 'errors']);
    expect(Object.keys(answer('/api/casefile/details').properties.data.properties)).toEqual([
      'requesterReferenceId',
      'fileReferenceId',
      'fileName',
      'fileNumber',
      'fileStatus',
      'transactionKey',
      'requests',
    ]);
    expect(doc.paths['/api/auth/token'].post.responses!['200'].content).toHaveProperty('text/plain');
  });

  it('gives every /rest/v2 and /manage/v1 operation its answer (with content unless 204 or a redirect) and its errors under 4XX and 5XX', () => {
    const ops = operationsUnder('/rest/v2/', '/manage/v1/');
    expect(ops.length).toBeGreaterThan(40);
    const described = (content: Content | undefined) =>
      Object.entries(content ?? {}).some(([type, media]) => type !== '*/*' && media.schema && Object.keys(media.schema).length > 0);
    const faults = ops.flatMap(({ name, op }) => {
      const codes = Object.keys(op.responses ?? {});
      const successes = codes.filter((c) => /^2/.test(c));
      // A sign-in answers by sending the browser on (307).
      const redirects = codes.filter((c) => /^30[1-8]$/.test(c));
      return [
        ...(successes.length + redirects.length === 0 ? [`${name}: no 2xx or redirect answer`] : []),
        ...successes.filter((c) => c !== '204' && !described(op.responses![c].content)).map((c) => `${name}: ${c} without content`),
        ...['4XX', '5XX'].filter((c) => !codes.includes(c)).map((c) => `${name}: no ${c}`),
      ];
    });
    expect(faults).toEqual([]);
  });

  it("answers errors in each dialect's shape: SheerID's error step under /rest/v2, problem details under /manage/v1", () => {
    const errorsOf = (op: Operation) => ['4XX', '5XX'].map((c) => op.responses?.[c]?.content ?? {});
    const eligibility = operationsUnder('/rest/v2/').filter(({ path }) => !path.startsWith('/rest/v2/oauth/'));
    expect(eligibility.length).toBeGreaterThan(15);
    for (const { name, op } of eligibility) {
      for (const content of errorsOf(op)) {
        const schema = content['application/json']?.schema as Json | undefined;
        expect(schema?.properties?.currentStep?.enum, name).toEqual(['error']);
        expect(schema?.properties, name).toHaveProperty('systemErrorMessage');
        expect(schema?.properties, name).toHaveProperty('errorIds');
      }
    }
    // The OAuth2 token endpoint answers in RFC 6749's shape.
    for (const content of errorsOf(doc.paths['/rest/v2/oauth/token'].post)) {
      expect(Object.keys((content['application/json']?.schema as Json | undefined)?.properties ?? {})).toEqual([
        'error',
        'error_description',
      ]);
    }
    const management = operationsUnder('/manage/v1/');
    expect(management.length).toBeGreaterThan(15);
    for (const { name, op } of management) {
      for (const content of errorsOf(op)) {
        expect(Object.keys(content), name).toEqual(['application/problem+json']);
        expect(Object.keys((content['application/problem+json'].schema as Json).properties ?? {}), name).toEqual(
          expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']),
        );
      }
    }
  });

  it("shows a step's body as the body of each step, by title, and a docUpload file with its three properties", () => {
    const step = jsonBody('post', '/rest/v2/verification/{verificationId}/step/{step}');
    const titles = (step.anyOf ?? []).map((b) => b.title);
    const personSteps = Object.values(PERSON_STEPS).map((d) => d.step);
    expect(personSteps.length).toBeGreaterThan(10);
    expect(titles).toEqual(expect.arrayContaining([...personSteps, 'collectMilitaryStatus', 'docUpload', 'completeDocUpload']));
    // The seed's bare array of files, or {"files": [...]}: a file is the same either way.
    const docUpload = step.anyOf!.find((b) => b.title === 'docUpload')!;
    const files = (docUpload.anyOf ?? []).map((form) => (form.type === 'array' ? form.items : form.properties?.files?.items));
    expect(files).toHaveLength(2);
    for (const file of files) expect(Object.keys(file?.properties ?? {}).sort()).toEqual(['fileName', 'fileSize', 'mimeType']);
    // The first step of a program is a person step or the military status, never documents.
    const first = (jsonBody('post', '/rest/v2/verification/program/{programId}/step/{step}').anyOf ?? []).map((b) => b.title);
    expect(first).toEqual(expect.arrayContaining([...personSteps, 'collectMilitaryStatus']));
    expect(first).not.toContain('docUpload');
  });

  it("lists in a verification's currentStep every step a verification can stand on", () => {
    const steps = new Set<string>(TERMINAL_STEPS);
    for (const [segment, def] of Object.entries(SEGMENTS)) {
      for (const sub of [null, ...def.subSegments]) for (const s of possibleSteps(segment, sub, null)) steps.add(s);
    }
    expect(steps.size).toBeGreaterThan(10);
    for (const [method, path] of [
      ['post', '/rest/v2/verification'],
      ['get', '/rest/v2/verification/{verificationId}'],
      ['post', '/rest/v2/verification/{verificationId}/step/{step}'],
    ]) {
      const listed = jsonAnswer(method, path, '200').schema.properties?.currentStep?.enum;
      expect(listed, `${method} ${path}`).toEqual(expect.arrayContaining([...steps]));
    }
  });

  it('closes the start and review-decision bodies, takes the imports as text/csv, and shows examples of the answers', () => {
    for (const path of ['/rest/v2/verification', '/rest/v2/review/{verificationId}/decision']) {
      expect(jsonBody('post', path).additionalProperties, path).toBe(false);
    }
    for (const path of ['/manage/v1/roster/import', '/manage/v1/organizations/import', '/manage/v1/programs/{programId}/reward-codes']) {
      expect(Object.keys(doc.paths[path].post.requestBody?.content ?? {}), path).toContain('text/csv');
    }
    const examples = (method: string, path: string) =>
      Object.values(jsonAnswer(method, path, '200').examples ?? {}).map((e) => e.value.currentStep as string);
    expect(examples('post', '/rest/v2/verification')).toContain('collectStudentPersonalInfo');
    expect(examples('post', '/rest/v2/verification/{verificationId}/step/{step}')).toContain('success');
  });

  it('marks a body required unless a request without one is valid', () => {
    // The document shows a body that may be left out by its empty case: `null`, alone or as one of the bodies listed.
    const showsEmpty = (s: Json | undefined): boolean =>
      !!s && (s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || (s.anyOf ?? []).some(showsEmpty));
    const withBody = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({
          name: `${method.toUpperCase()} ${path}`,
          required: op.requestBody!.required,
          empty: Object.values(op.requestBody!.content ?? {}).some((media) => showsEmpty(media.schema as Json)),
        })),
    );
    expect(withBody.length).toBeGreaterThan(30);
    for (const name of BODY_OPTIONAL) expect(withBody.find((b) => b.name === name)).toMatchObject({ required: false, empty: true });
    // Any other body is required exactly when its schema shows no empty case.
    expect(withBody.filter((b) => b.required !== !b.empty).map((b) => `${b.name}: required ${b.required}`)).toEqual([]);
    for (const name of [
      'POST /rest/v2/verification',
      'POST /rest/v2/verification/program/{programId}/step/{step}',
      'POST /rest/v2/review/{verificationId}/decision',
      'PUT /rest/v2/document/upload/{token}',
      'POST /manage/v1/programs',
      'POST /manage/v1/roster/import',
      'POST /api/auth/token',
    ]) {
      expect(withBody.find((b) => b.name === name)?.required, name).toBe(true);
    }
    // A POST that declares no body (a batch's report) takes none, rather than a body of any type.
    expect(doc.paths['/rest/v2/report/reverify/{batchId}'].post.requestBody).toBeUndefined();
  });

  it('fails validation when broken (the check above can fail)', async () => {
    const broken = JSON.parse(text);
    broken.components.securitySchemes.bearer.type = 'token';
    expect((await validate(broken)).valid).toBe(false);
  });

  it('describes every route the server answers, except those hidden from it, and no other', () => {
    const visible = routes().filter((r) => !r.hidden);
    expect(visible.length).toBeGreaterThan(50);
    expect(visible.filter((r) => !operation(r.method, r.url)).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const hidden = routes()
      .filter((r) => r.hidden)
      .map((r) => `${r.method} ${r.url}`);
    expect(hidden).toEqual(expect.arrayContaining(['GET /openapi.json', 'GET /docs', 'GET /health']));
    for (const route of hidden) expect(operation(...(route.split(' ') as [string, string])), route).toBeUndefined();

    const answered = new Set(visible.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(documented.filter((op) => !answered.has(op))).toEqual([]);
  });

  it('gives every route whose schema declares a body that body, and every route that needs a role a bearer token', () => {
    const withBody = routes().filter((r) => r.hasBody && !r.hidden);
    expect(withBody.map((r) => `${r.method} ${r.url}`)).toContain('POST /manage/v1/tokens');
    // A route without a body schema is documented with a body of any type (`*/*`); a declared one is not that.
    const undescribed = withBody.filter((r) =>
      Object.keys(operation(r.method, r.url)?.requestBody?.content ?? { '*/*': {} }).every((t) => t === '*/*'),
    );
    expect(undescribed.map((r) => `${r.method} ${r.url}`)).toEqual([]);

    // The console's pages take a session, not a token, and are not part of the API document.
    const needsRole = app.running.app.declaredRoutes().filter((r) => Array.isArray(r.rails.access) && !r.url.startsWith('/console'));
    expect(needsRole.length).toBeGreaterThan(20);
    const unsecured = needsRole.filter((r) => !operation(r.method, r.url)?.security?.some((s) => 'bearer' in s));
    expect(unsecured.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });
});
