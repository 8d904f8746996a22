import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import { deleteBinding, listBindings, readBinding, setBinding } from '../app/bindings.ts';
import { callbackUrls, type SsoContext } from '../app/deps.ts';
import { oidcCallback, samlCallback, testCallback } from '../app/callbacks.ts';
import { BindingInput } from '../domain/binding.ts';
import { signInPage } from './page.ts';
import { AcsBody, BindingView, CallbackQuery, OrganizationParams } from './schemas.ts';

const tags = ['management'];
const security = [{ bearer: [] }];

/** The management API of bindings: `/manage/v1/sso/bindings[/{organizationId}]`, token with ADMIN. */
export function registerBindingRoutes(root: FastifyInstance, ctx: SsoContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.put(
    '/manage/v1/sso/bindings/:organizationId',
    {
      schema: {
        tags,
        summary: "Bind an organization to its single sign-on provider (replaces the organization's binding)",
        description:
          'OpenID Connect (`issuer`, `clientId`, `clientSecret`, `claim`, `values`) or SAML 2.0 (`metadataXml`, `attribute`, `values`). 201 when new, 200 when replaced. The client secret is stored encrypted and never shown.',
        params: OrganizationParams,
        body: BindingInput,
        security,
        response: { 200: BindingView, 201: BindingView, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'create', audit: audited('sso-binding.set', 'organization', 'params.organizationId') }),
    },
    async (req, reply) => {
      const { created, binding } = await setBinding(ctx, callerOf(req).accountId, Number(req.params.organizationId), req.body);
      return reply.status(created ? 201 : 200).send(binding);
    },
  );

  app.get(
    '/manage/v1/sso/bindings',
    {
      schema: {
        tags,
        summary: "The account's single sign-on bindings",
        security,
        response: { 200: z.array(BindingView), ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => listBindings(ctx, callerOf(req).accountId),
  );

  app.get(
    '/manage/v1/sso/bindings/:organizationId',
    {
      schema: {
        tags,
        summary: "An organization's single sign-on binding",
        params: OrganizationParams,
        security,
        response: { 200: BindingView, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => readBinding(ctx, callerOf(req).accountId, Number(req.params.organizationId)),
  );

  app.delete(
    '/manage/v1/sso/bindings/:organizationId',
    {
      schema: {
        tags,
        summary: "Delete an organization's single sign-on binding (its people upload documents instead)",
        params: OrganizationParams,
        security,
        response: { 204: z.null().meta({ description: 'Deleted; no body' }), ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('sso-binding.delete', 'organization', 'params.organizationId') }),
    },
    async (req, reply) => {
      await deleteBinding(ctx, callerOf(req).accountId, Number(req.params.organizationId));
      return reply.status(204).send(null);
    },
  );
}

/**
 * Vouch's SAML service provider metadata at its entity id (`GET /rest/v2/sso/saml`), and where the
 * providers send the browser back. Browser pages, not API operations: hidden from the OpenAPI
 * document. Each answers a small page saying how the sign-in ended; a state that is unknown, expired or
 * used is refused with 400 `invalidSsoState` (eligibility shape) and changes nothing.
 */
export function registerCallbackRoutes(root: FastifyInstance, ctx: SsoContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const urls = callbackUrls(ctx.publicUrl);

  app.get(
    '/rest/v2/sso/oidc/callback',
    {
      schema: { hide: true, querystring: CallbackQuery },
      config: rails({ access: 'anyone', limit: 'step', audit: audited('verification.sign-in-callback') }),
    },
    async (req, reply) => {
      const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
      // The URL the provider sent the browser to, as openid-client checks it (its query holds code, state, iss).
      const q = req.url.indexOf('?');
      const callbackUrl = new URL(`${urls.oidcRedirect}${q >= 0 ? req.url.slice(q) : ''}`);
      const r = await oidcCallback(ctx, query, callbackUrl, (m) => req.log.warn(m));
      return signInPage(reply, r.verificationId, r.outcome);
    },
  );

  app.post(
    '/rest/v2/sso/saml/acs',
    {
      schema: { hide: true, body: AcsBody },
      config: rails({ access: 'anyone', limit: 'step', idempotency: 'exchange', audit: audited('verification.sign-in-callback') }),
    },
    async (req, reply) => {
      const r = await samlCallback(ctx, req.body, (m) => req.log.warn(m));
      return signInPage(reply, r.verificationId, r.outcome);
    },
  );

  app.get('/rest/v2/sso/saml', { schema: { hide: true }, config: rails(OPEN_READ) }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('application/samlmetadata+xml').send(ctx.saml.metadata()),
  );

  app.get(
    '/rest/v2/sso/test/callback',
    {
      schema: { hide: true, querystring: z.object({ state: z.string().max(200).optional() }) },
      config: rails({ access: 'anyone', limit: 'step', audit: audited('verification.sign-in-callback') }),
    },
    async (req, reply) => {
      const r = await testCallback(ctx, req.query.state, (m) => req.log.warn(m));
      return signInPage(reply, r.verificationId, r.outcome);
    },
  );
}
