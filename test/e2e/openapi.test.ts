import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/main/version.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';

type Operation = { tags?: string[]; security?: Record<string, string[]>[]; requestBody?: { content?: Record<string, unknown> } };
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

    const needsRole = app.running.app.declaredRoutes().filter((r) => Array.isArray(r.rails.access));
    expect(needsRole.length).toBeGreaterThan(20);
    const unsecured = needsRole.filter((r) => !operation(r.method, r.url)?.security?.some((s) => 'bearer' in s));
    expect(unsecured.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });
});
