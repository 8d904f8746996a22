import { describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';

// Names and labels the management API stores are shown on one line (lists, logs, CSV cells, mail
// subjects): a line break or another control character in one is refused, and nothing is stored.
const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });

const manage = (path: string, body: unknown, method = 'POST') =>
  api(`${t.app.url}/manage/v1${path}`, { token: t.demo.token, body, method });
const csv = (path: string, text: string) =>
  api(`${t.app.url}/manage/v1${path}`, { method: 'POST', raw: text, token: t.demo.token, headers: { 'content-type': 'text/csv' } });

const BAD = {
  'CR LF': 'Build\r\nX-Injected: yes',
  LF: 'two\nlines',
  CR: 'carriage\rreturn',
  tab: 'tab\tbed',
  NUL: 'nul\u0000byte',
  DEL: 'del\u007f',
  'C1 NEL': 'next\u0085line',
  'line separator': 'line\u2028separator',
  'paragraph separator': 'para\u2029graph',
};

function expectRefused(r: Awaited<ReturnType<typeof api>>, field: string) {
  expect(r.status).toBe(400);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({ type: 'about:blank', title: 'invalidRequest', status: 400 });
  expect(r.json.detail).toContain(field);
  expect(r.json.detail).toContain('must be a single line without control characters');
}

describe('single-line names in the management API', () => {
  it.each(Object.entries(BAD))('refuses %s in API token and OAuth client names, storing nothing', async (_what, name) => {
    expectRefused(await manage('/tokens', { name, roles: ['VERIFIER'] }), 'name');
    expectRefused(await manage('/oauth-clients', { name, roles: ['VERIFIER'] }), 'name');
    const tokens = (await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token })).json as { name: string }[];
    expect(tokens.some((tk) => tk.name.includes(name.slice(0, 3)))).toBe(false);
  });

  it('takes names in any script, trimmed', async () => {
    const made = await manage('/tokens', { name: '  Équipe Montréal — 東京  ', roles: ['VERIFIER'] });
    expect(made.status).toBe(201);
    expect(made.json.name).toBe('Équipe Montréal — 東京');
    const client = await manage('/oauth-clients', { name: 'Zoë’s integration', roles: ['VERIFIER'] });
    expect(client.status).toBe(201);
    expect(client.json.name).toBe('Zoë’s integration');
  });

  it('refuses a line break in a program name, a metadata key or an affiliation', async () => {
    const program = { segment: 'teacher', offerType: 'staticCode', staticCode: 'TEACH' };
    for (const [body, field] of [
      [{ ...program, name: 'Spring\r\nSale' }, 'name'],
      [{ ...program, name: 'Spring sale', metadataKeys: ['order\nid'] }, 'metadataKeys.0'],
      [{ ...program, name: 'Spring sale', affiliations: ['Staff\u0000'] }, 'affiliations.0'],
    ] as const) {
      expectRefused(await manage('/programs', body), field);
    }
    const listed = (await api(`${t.app.url}/manage/v1/programs`, { token: t.demo.token })).json as { name: string }[];
    expect(listed.some((p) => p.name.startsWith('Spring'))).toBe(false);
    const good = await manage('/programs', { ...program, name: 'Rentrée scolaire', metadataKeys: ['orderId'] });
    expect(good.status).toBe(201);
  });

  it('refuses a line break in a webhook endpoint description, on create and on change', async () => {
    const url = 'http://127.0.0.1:9/hooks';
    expectRefused(await manage('/webhooks', { url, eventTypes: ['*'], description: 'Orders\nteam' }), 'description');
    const made = await manage('/webhooks', { url, eventTypes: ['*'], description: 'Orders team' });
    expect(made.status).toBe(201);
    expectRefused(await manage(`/webhooks/${made.json.id}`, { description: 'Orders\r\nteam' }, 'PATCH'), 'description');
    expect((await api(`${t.app.url}/manage/v1/webhooks/${made.json.id}`, { token: t.demo.token })).json.description).toBe('Orders team');
  });

  it('refuses an imported organization name holding a line break or a control character, importing nothing', async () => {
    for (const name of ['"Riverside\nCollege"', 'Riverside\u0007College']) {
      const r = await csv('/organizations/import', `name,type\nGood One,CORPORATE\n${name},POST_SECONDARY\n`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.json.detail).toMatch(/^CSV line 3: name must be a single line without control characters/);
    }
  });
});
