import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withRailsTable } from '../../src/platform/http/rails-docs.ts';
import { api, useTestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';

const t = useTestApp();

describe(`every route of the server declares its rails (${TEST_STORE})`, () => {
  it('every operation of the OpenAPI document is a route with declared rails, and so are the hidden ones', async () => {
    const declared = new Set(t.app.running.app.declaredRoutes().map((r) => `${r.method} ${r.url}`));
    const doc = (await api(`${t.app.url}/openapi.json`)).json as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((o) => !declared.has(o))).toEqual([]);
    for (const hidden of [
      'GET /health',
      'GET /ready',
      'GET /metrics',
      'GET /openapi.json',
      'GET /verify/:token',
      'POST /verify/:token/:step',
      'PUT /verify/:token/image/:kind',
    ]) {
      expect(declared.has(hidden), hidden).toBe(true);
    }
  });

  it('docs/safety-rails.md holds the current table of routes and rails', () => {
    const doc = fs.readFileSync('docs/safety-rails.md', 'utf8');
    expect(withRailsTable(doc, t.app.running.app.declaredRoutes()), 'the table is not current: run `npm run docs:rails`').toBe(doc);
  });
});
