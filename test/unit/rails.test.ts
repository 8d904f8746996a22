import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { rails, registerRails, type Rails } from '../../src/platform/http/rails.ts';
import type { Principal } from '../../src/shared/principal.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** A bare server with the rails' registration check, and a stand-in for authentication (roles from a header). */
function server() {
  const app = Fastify();
  apps.push(app);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const roles = req.headers['x-roles'];
    if (typeof roles === 'string') req.principal = { accountId: 'a', tokenId: 't', clientId: null, roles: roles.split(',') } as Principal;
  });
  registerRails(app);
  app.setErrorHandler((e: Error & { status?: number }, _req, reply) => reply.status(e.status ?? 500).send({ error: e.message }));
  return app;
}

/** Registers one route and starts the server: the error that stops it, or null. */
async function refusal(method: 'get' | 'post' | 'patch' | 'delete', declared?: Rails): Promise<string | null> {
  const app = server();
  try {
    app[method]('/x', declared ? { config: rails(declared) } : {}, async () => ({}));
    await app.ready();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('rails declared on the route', () => {
  it('refuses to start with a route that declares none, naming it', async () => {
    expect(await refusal('get')).toMatch(/^GET \/x declares no rails/);
    expect(await refusal('post')).toMatch(/^POST \/x declares no rails/);
  });

  it('refuses a declaration that cannot stand', async () => {
    expect(await refusal('post', { access: 'anyone', limit: 'none', audit: { action: 'x.make' } })).toMatch(
      /POST \/x is a POST without an idempotency declaration/,
    );
    expect(await refusal('patch', { access: ['ADMIN'], limit: 'none', audit: 'none' })).toMatch(
      /PATCH \/x changes state but is not audited/,
    );
    expect(await refusal('get', { access: 'anyone', limit: 'none', idempotency: 'change', audit: 'none' })).toMatch(
      /GET \/x declares idempotency/,
    );
  });

  it('starts with sound declarations, and lists them (HEAD routes left out)', async () => {
    const app = server();
    app.get('/a', { config: rails({ access: 'anyone', limit: 'none', audit: 'none' }) }, async () => ({}));
    app.delete('/b', { config: rails({ access: ['ADMIN'], limit: 'none', audit: { action: 'b.delete' } }) }, async () => ({}));
    await app.ready();
    expect(app.declaredRoutes().map((r) => `${r.method} ${r.url}`)).toEqual(['GET /a', 'DELETE /b']);
  });

  it('checks the declared roles before the handler: 401 without a token, 403 without the role, ADMIN holds every role', async () => {
    const app = server();
    let ran = 0;
    app.post(
      '/r',
      { config: rails({ access: ['REVIEWER'], limit: 'none', idempotency: 'change', audit: { action: 'r.decide' } }) },
      async () => ({ ran: ++ran }),
    );
    const call = (roles?: string) => app.inject({ method: 'POST', url: '/r', headers: roles ? { 'x-roles': roles } : {} });
    expect((await call()).statusCode).toBe(401);
    expect((await call('VERIFIER')).statusCode).toBe(403);
    expect(ran).toBe(0);
    expect((await call('REVIEWER')).json()).toEqual({ ran: 1 });
    expect((await call('ADMIN')).json()).toEqual({ ran: 2 });
  });
});
