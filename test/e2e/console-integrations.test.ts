import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { type ConsoleSession, consoleSession, postForm } from '../support/console.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

let app: TestApp;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
let admin: ConsoleSession;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  // The receiver listens on loopback, which the SSRF guard refuses unless told otherwise.
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  demo = await app.bootstrap();
  admin = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
  receiver = await startReceiver();
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

const get = (path: string, s: ConsoleSession = admin) => fetch(`${app.url}${path}`, { headers: { cookie: s.cookie }, redirect: 'manual' });
const post = (path: string, fields: Record<string, string>, s: ConsoleSession = admin) =>
  postForm(app.url, path, { _csrf: s.csrf, ...fields }, s.cookie);
/** The page a change led back to (a 303). */
const followed = async (res: Response) => {
  const location = res.headers.get('location');
  if (res.status !== 303 || !location?.startsWith('/console/integrations')) throw new Error(`not led back: ${res.status} ${location}`);
  return (await get(location)).text();
};
/** The secret on the one page that shows it. */
const secretOf = (html: string) => {
  const m = /id="secret"[^>]*>([^<]+)</.exec(html);
  if (!m) throw new Error('no secret on the page');
  return m[1].trim();
};
const decode = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
const tokens = async () => (await api(`${app.url}/manage/v1/tokens`, { token: demo.token })).json as { name: string }[];
const endpoints = async () => (await api(`${app.url}/manage/v1/webhooks`, { token: demo.token })).json as { url: string }[];

/** Standard Webhooks signature, computed here independently: base64 HMAC-SHA256 over `id.timestamp.body`. */
function signatureOk(secret: string, headers: Record<string, string>, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return headers['webhook-signature'] === `v1,${expected}`;
}

describe('console integrations: API tokens', () => {
  it('creates a token shown once, which then works against the API, and is refused once revoked', async () => {
    const created = await post('/console/integrations/tokens', { name: 'Console CI', 'role.ADMIN': 'on', allowedIpAddresses: '' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    const token = decode(secretOf(html));
    expect(html).toContain('shown on this page only');

    expect((await api(`${app.url}/manage/v1/tokens`, { token })).status).toBe(200);

    const list = await (await get('/console/integrations/tokens')).text();
    expect(list).toContain('Console CI');
    expect(list).not.toContain(token);
    const id = (await api(`${app.url}/manage/v1/tokens`, { token: demo.token })).json.find(
      (t: { name: string }) => t.name === 'Console CI',
    ).id;

    const revoked = await post(`/console/integrations/tokens/${id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(await followed(revoked)).toContain('Token revoked');
    expect((await api(`${app.url}/manage/v1/tokens`, { token })).status).toBe(401);
  });

  it('keeps an allow-list of addresses, and refuses a bad one on the form', async () => {
    const ok = await post('/console/integrations/tokens', {
      name: 'Office',
      'role.VIEWER': 'on',
      allowedIpAddresses: '203.0.113.0/24\n10.1.2.3',
    });
    expect(ok.status).toBe(201);
    const listed = (await api(`${app.url}/manage/v1/tokens`, { token: demo.token })).json.find(
      (t: { name: string }) => t.name === 'Office',
    );
    expect(listed.allowedIpAddresses).toEqual(['203.0.113.0/24', '10.1.2.3']);

    const before = (await tokens()).length;
    const bad = await post('/console/integrations/tokens', { name: 'Bad IPs', 'role.VIEWER': 'on', allowedIpAddresses: 'not-an-address' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('not an IP address or CIDR range');
    expect(html).toContain('value="Bad IPs"');
    expect((await tokens()).length).toBe(before);
  });

  it('re-renders the form with the message for an empty name or no role, and creates nothing', async () => {
    const before = (await tokens()).length;
    const noName = await post('/console/integrations/tokens', { name: '  ', 'role.ADMIN': 'on' });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain('Give the token a name');
    const noRole = await post('/console/integrations/tokens', { name: 'No roles' });
    expect(noRole.status).toBe(400);
    const html = await noRole.text();
    expect(html).toContain('Choose at least one role for the token');
    expect(html).toContain('value="No roles"');
    expect((await tokens()).length).toBe(before);
  });
});

describe('console integrations: OAuth clients', () => {
  it('registers a client whose secret works at /rest/v2/oauth/token, until it is revoked', async () => {
    const created = await post('/console/integrations/oauth-clients', { name: 'Partner app', 'role.ADMIN': 'on' });
    expect(created.status).toBe(201);
    const html = await created.text();
    const secret = decode(secretOf(html));
    const clientId = /id="client-id">([^<]+)</.exec(html)![1];
    const exchange = () =>
      fetch(`${app.url}/rest/v2/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
      });
    const res = await exchange();
    expect(res.status).toBe(200);
    const access = ((await res.json()) as { access_token: string }).access_token;
    expect((await api(`${app.url}/manage/v1/tokens`, { token: access })).status).toBe(200);

    const list = await (await get('/console/integrations/oauth-clients')).text();
    expect(list).toContain('Partner app');
    expect(list).toContain(clientId);
    expect(list).not.toContain(secret);

    const revoked = await post(`/console/integrations/oauth-clients/${clientId}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(await followed(revoked)).toContain('Client revoked');
    expect((await exchange()).status).toBe(401);
    // The access token it was given ends with it.
    expect((await api(`${app.url}/manage/v1/tokens`, { token: access })).status).toBe(401);
  });

  it('refuses a client without a name or role', async () => {
    const rows = async () => (await (await get('/console/integrations/oauth-clients')).text()).split('<tr').length;
    const before = await rows();
    const r = await post('/console/integrations/oauth-clients', { name: '', 'role.VIEWER': 'on' });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('Give the client a name');
    const noRole = await post('/console/integrations/oauth-clients', { name: 'Roleless' });
    expect(noRole.status).toBe(400);
    expect(await noRole.text()).toContain('Choose at least one role for the client');
    expect(await rows()).toBe(before);
  });
});

describe('console integrations: webhook endpoints', () => {
  it('adds an endpoint, pings it, shows the delivery with its attempt and body, replays it, rotates its secret', async () => {
    const url = `${receiver.url}/console-hook`;
    const created = await post('/console/integrations/webhooks', {
      url,
      'event.verification.success': 'on',
      'event.file.event': 'on',
      description: 'Orders team',
    });
    expect(created.status).toBe(201);
    const html = await created.text();
    const secret = decode(secretOf(html));
    expect(secret.startsWith('whsec_')).toBe(true);
    const id = /\/console\/integrations\/webhooks\/(whe_[0-9a-f]+)/.exec(html)![1];

    const list = await (await get('/console/integrations/webhooks')).text();
    expect(list).toContain(url);
    expect(list).toContain('verification.success, file.event');

    const tested = await post(`/console/integrations/webhooks/${id}/test`, {});
    expect(tested.status).toBe(303);
    expect(await followed(tested)).toContain('Test event queued');
    const hits = () => receiver.received.filter((r) => r.path === '/console-hook');
    await receiver.until(() => hits().length >= 1);
    const ping = hits()[0];
    expect(ping.json).toMatchObject({ type: 'webhook.test', endpointId: id });
    expect(signatureOk(secret, ping.headers, ping.body)).toBe(true);

    // The page shows the delivery once its attempt is recorded: status code, latency, the body sent.
    let page = '';
    await expect
      .poll(async () => {
        page = await (await get(`/console/integrations/webhooks/${id}`)).text();
        return page.includes('delivered') && page.includes('<td>204</td>');
      })
      .toBe(true);
    expect(page).toContain('webhook.test');
    expect(page).toMatch(/\d+ ms/);
    expect(decode(page)).toContain(`"endpointId": "${id}"`);
    const eventId = ping.headers['webhook-id'];
    expect(page).toContain(`/events/${eventId}/replay`);

    const replayed = await post(`/console/integrations/webhooks/${id}/events/${eventId}/replay`, {});
    expect(replayed.status).toBe(303);
    expect(await followed(replayed)).toContain('sent again');
    await receiver.until(() => hits().length >= 2);
    expect(hits()[1].headers['webhook-id']).toBe(eventId);
    expect(hits()[1].body).toBe(ping.body);

    // A new secret, shown once; the next event is signed with it and not the old one.
    const rotated = await post(`/console/integrations/webhooks/${id}/rotate`, {});
    expect(rotated.status).toBe(200);
    const fresh = decode(secretOf(await rotated.text()));
    expect(fresh).not.toBe(secret);
    await post(`/console/integrations/webhooks/${id}/test`, {});
    await receiver.until(() => hits().length >= 3);
    expect(signatureOk(fresh, hits()[2].headers, hits()[2].body)).toBe(true);
    expect(signatureOk(secret, hits()[2].headers, hits()[2].body)).toBe(false);
    expect(await (await get(`/console/integrations/webhooks/${id}`)).text()).not.toContain(fresh);
  });

  it('disables and enables an endpoint; a disabled one is not sent a test', async () => {
    const created = await post('/console/integrations/webhooks', { url: `${receiver.url}/off`, 'event.*': 'on' });
    const id = /\/console\/integrations\/webhooks\/(whe_[0-9a-f]+)/.exec(await created.text())![1];
    expect(await followed(await post(`/console/integrations/webhooks/${id}/disable`, {}))).toContain('Endpoint disabled');
    expect((await api(`${app.url}/manage/v1/webhooks/${id}`, { token: demo.token })).json.enabled).toBe(false);
    const refused = await post(`/console/integrations/webhooks/${id}/test`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('enable it before');
    expect(await followed(await post(`/console/integrations/webhooks/${id}/enable`, {}))).toContain('Endpoint enabled');
    expect((await api(`${app.url}/manage/v1/webhooks/${id}`, { token: demo.token })).json.enabled).toBe(true);
  });

  it('re-renders the form for a bad URL or no event type, and registers nothing', async () => {
    const before = (await endpoints()).length;
    const badUrl = await post('/console/integrations/webhooks', { url: 'not a url', 'event.*': 'on', description: 'Kept' });
    expect(badUrl.status).toBe(400);
    const html = await badUrl.text();
    expect(html).toContain('is not an absolute URL');
    expect(html).toContain('value="Kept"');
    const ftp = await post('/console/integrations/webhooks', { url: 'ftp://example.com/x', 'event.*': 'on' });
    expect(ftp.status).toBe(400);
    const noEvents = await post('/console/integrations/webhooks', { url: 'https://example.com/hook' });
    expect(noEvents.status).toBe(400);
    expect(await noEvents.text()).toContain('Choose at least one event type');
    expect((await endpoints()).length).toBe(before);
  });
});

describe('console integrations: access', () => {
  it('is refused to everyone but ADMIN, and to another account', async () => {
    const reviewer = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['REVIEWER', 'VERIFIER'] });
    for (const path of ['/console/integrations', '/console/integrations/tokens', '/console/integrations/webhooks'])
      expect((await get(path, reviewer)).status).toBe(403);
    const before = (await tokens()).length;
    expect((await post('/console/integrations/tokens', { name: 'Sneaky', 'role.ADMIN': 'on' }, reviewer)).status).toBe(403);
    expect((await tokens()).length).toBe(before);
    expect(await (await get('/console', reviewer)).text()).not.toContain('href="/console/integrations"');

    // Another account's endpoint is unknown here.
    const other = await app.bootstrap();
    const theirs = await api(`${app.url}/manage/v1/webhooks`, {
      token: other.token,
      body: { url: `${receiver.url}/theirs`, eventTypes: ['*'] },
    });
    expect(theirs.status).toBe(201);
    expect((await get(`/console/integrations/webhooks/${theirs.json.id}`)).status).toBe(404);
    expect((await post(`/console/integrations/webhooks/${theirs.json.id}/rotate`, {})).status).toBe(404);
  });

  it('shows the overview with counts', async () => {
    const res = await get('/console/integrations');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Integrations</h1>');
    expect(html).toContain('aria-current="page">Integrations');
  });
});
