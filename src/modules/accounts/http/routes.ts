import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OAuthError, problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { basicCredentials } from '../../../platform/http/basic-auth.ts';
import { singleLineName } from '../../../shared/names.ts';
import { ROLES } from '../../../shared/principal.ts';
import { issueApiToken, listApiTokens, revokeApiToken } from '../app/api-tokens.ts';
import type { AccountsDeps } from '../app/deps.ts';
import { createOauthClient, exchangeClientCredentials } from '../app/oauth.ts';
import { CREDENTIAL_NAME_MAX } from '../domain/tokens.ts';
import { AccessToken, AllowedIpAddressesInput, IssuedToken, NoContent, RegisteredClient, TokenListing, TokenRequest } from './schemas.ts';

const credentialFields = { name: singleLineName(CREDENTIAL_NAME_MAX), roles: z.array(z.enum(ROLES)).min(1) };
const NewCredential = z.strictObject(credentialFields).meta({ examples: [{ name: 'Checkout backend', roles: ['VERIFIER'] }] });
const NewToken = z.strictObject({ ...credentialFields, allowedIpAddresses: AllowedIpAddressesInput }).meta({
  examples: [
    { name: 'Checkout backend', roles: ['VERIFIER'] },
    { name: 'Office reports', roles: ['REPORTER'], allowedIpAddresses: ['203.0.113.0/24'] },
  ],
});
const security = [{ bearer: [] }];

/** Token management (problem+json) and the OAuth2 token endpoint (RFC 6749 errors). */
export function registerAccountRoutes(root: FastifyInstance, deps: AccountsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/oauth/token',
    {
      schema: {
        tags: ['auth'],
        summary: 'OAuth2 client-credentials token',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequest,
        response: { 200: AccessToken, '4xx': OAuthError, '5xx': OAuthError },
      },
      config: rails({
        access: 'anyone',
        limit: 'auth',
        idempotency: 'exchange',
        audit: audited('oauth.issue-token', 'oauth-client', 'body.client_id'),
      }),
    },
    async (req, reply) => {
      const body = req.body ?? {};
      let clientId = body.client_id;
      let clientSecret = body.client_secret;
      const basic = basicCredentials(req.headers.authorization, { percentEncoded: true });
      if (basic) {
        clientId = basic.user;
        clientSecret = basic.password;
      }
      const token = await exchangeClientCredentials(deps, { grantType: body.grant_type, clientId, clientSecret });
      return reply.header('cache-control', 'no-store').send(token);
    },
  );

  app.post(
    '/manage/v1/tokens',
    {
      schema: {
        tags: ['management'],
        summary: 'Create an API token (shown once)',
        body: NewToken,
        security,
        response: { 201: IssuedToken, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'create', idempotency: 'secret', audit: audited('token.create', 'token', 'response.id') }),
    },
    async (req, reply) => {
      const p = callerOf(req);
      const { name, roles, allowedIpAddresses } = req.body;
      const t = await issueApiToken(deps, { accountId: p.accountId, name, roles, allowedIpAddresses });
      return reply
        .status(201)
        .send({ id: t.id, name: t.name, token: t.token, prefix: t.prefix, roles: t.roles, allowedIpAddresses: t.allowedIpAddresses });
    },
  );

  app.get(
    '/manage/v1/tokens',
    {
      schema: { tags: ['management'], summary: "The account's API tokens", security, response: { 200: TokenListing, ...problemResponses } },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => listApiTokens(deps, callerOf(req).accountId),
  );

  app.delete(
    '/manage/v1/tokens/:tokenId',
    {
      schema: {
        tags: ['management'],
        summary: 'Revoke an API token',
        params: z.object({ tokenId: z.string().max(100) }),
        security,
        response: { 204: NoContent, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('token.revoke', 'token', 'params.tokenId') }),
    },
    async (req, reply) => {
      await revokeApiToken(deps, callerOf(req).accountId, req.params.tokenId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/manage/v1/oauth-clients',
    {
      schema: {
        tags: ['management'],
        summary: 'Register an OAuth2 client (secret shown once)',
        body: NewCredential,
        security,
        response: { 201: RegisteredClient, ...problemResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'secret',
        audit: audited('oauth-client.create', 'oauth-client', 'response.clientId', 'response.id'),
      }),
    },
    async (req, reply) => {
      const p = callerOf(req);
      return reply.status(201).send(await createOauthClient(deps, { accountId: p.accountId, name: req.body.name, roles: req.body.roles }));
    },
  );
}
