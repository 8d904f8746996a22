import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';

const t = useTestApp({ OAUTH_TOKEN_TTL_SECONDS: '2' });

describe('API tokens', () => {
  it('issues a prefixed token once, lists it without the secret, and stops honouring it when revoked', async () => {
    const created = await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token, body: { name: 'ci', roles: ['ADMIN'] } });
    expect(created.status).toBe(201);
    expect(created.json.token).toMatch(/^vch_[A-Za-z0-9_-]{43}$/);

    const list = await api(`${t.app.url}/manage/v1/tokens`, { token: created.json.token });
    expect(list.status).toBe(200);
    const entry = list.json.find((t: { id: string }) => t.id === created.json.id);
    expect(entry).toMatchObject({ name: 'ci', roles: ['ADMIN'], revoked: null });
    expect(list.text).not.toContain(created.json.token);

    const revoked = await api(`${t.app.url}/manage/v1/tokens/${created.json.id}`, { token: t.demo.token, method: 'DELETE' });
    expect(revoked.status).toBe(204);
    const after = await api(`${t.app.url}/manage/v1/tokens`, { token: created.json.token });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toContain('application/problem+json');
  });

  it('stores only a digest of the token', async () => {
    const rows = await t.app.running.container.store.db.selectFrom('api_tokens').selectAll().execute();
    const digest = createHash('sha256').update(t.demo.token).digest('hex');
    expect(rows.some((r) => r.token_hash === digest)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(t.demo.token);
  });

  it('enforces roles: a VERIFIER token cannot manage tokens or programs', async () => {
    const verifier = await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token, body: { name: 'v', roles: ['VERIFIER'] } });
    const r = await api(`${t.app.url}/manage/v1/programs`, {
      token: verifier.json.token,
      body: { name: 'x', segment: 'student', staticCode: 'X' },
    });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ status: 403, title: 'unauthorizedRequest' });
  });

  it('refuses an unknown role and an unknown property when creating a token', async () => {
    const bad = await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token, body: { name: 'x', roles: ['ROOT'] } });
    expect(bad.status).toBe(400);
    const extra = await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token, body: { name: 'x', roles: ['ADMIN'], admin: true } });
    expect(extra.status).toBe(400);
    expect(extra.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an invalid bearer token on the eligibility API with invalidApiToken', async () => {
    const r = await api(`${t.app.url}/rest/v2/info`, { token: 'vch_not-a-real-token-at-all' });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidApiToken'] });
  });
});

describe('OAuth2 client credentials (RFC 6749 §4.4)', () => {
  it('exchanges client credentials (form body or Basic auth) for a short-lived bearer token', async () => {
    const client = await api(`${t.app.url}/manage/v1/oauth-clients`, { token: t.demo.token, body: { name: 'backend', roles: ['ADMIN'] } });
    expect(client.status).toBe(201);
    const { clientId, clientSecret } = client.json;

    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    const viaForm = await api(`${t.app.url}/rest/v2/oauth/token`, {
      method: 'POST',
      raw: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(viaForm.status).toBe(200);
    expect(viaForm.json).toMatchObject({ token_type: 'Bearer', expires_in: 2 });
    expect(viaForm.headers.get('cache-control')).toBe('no-store');

    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const viaBasic = await api(`${t.app.url}/rest/v2/oauth/token`, {
      method: 'POST',
      raw: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    });
    expect(viaBasic.status).toBe(200);

    const use = await api(`${t.app.url}/manage/v1/tokens`, { token: viaForm.json.access_token });
    expect(use.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    const expired = await api(`${t.app.url}/manage/v1/tokens`, { token: viaForm.json.access_token });
    expect(expired.status).toBe(401);
  });

  it('refuses a wrong secret and an unsupported grant with RFC 6749 errors', async () => {
    const client = await api(`${t.app.url}/manage/v1/oauth-clients`, { token: t.demo.token, body: { name: 'b2', roles: ['VERIFIER'] } });
    const wrong = await api(`${t.app.url}/rest/v2/oauth/token`, {
      body: { grant_type: 'client_credentials', client_id: client.json.clientId, client_secret: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: 'invalid_client' });
    const grant = await api(`${t.app.url}/rest/v2/oauth/token`, {
      body: { grant_type: 'password', client_id: client.json.clientId, client_secret: 'nope' },
    });
    expect(grant.status).toBe(400);
    expect(grant.json).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('reads a malformed Basic header as no credentials: an RFC 6749 error, never a 500', async () => {
    for (const raw of ['%E0%A4%A:secret', 'no-colon-at-all']) {
      const r = await api(`${t.app.url}/rest/v2/oauth/token`, {
        body: { grant_type: 'client_credentials' },
        headers: { authorization: `Basic ${Buffer.from(raw).toString('base64')}` },
      });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ error: 'invalid_client' });
    }
  });
});
