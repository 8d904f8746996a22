import swagger from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerDocsPage } from './docs-page.ts';
import { documentIdempotencyKey } from './idempotency.ts';
import { OPEN_READ, rails } from './rails.ts';

export interface OpenApiOptions {
  version: string;
  /** The address clients reach this server at (PUBLIC_URL): the document's one server. */
  publicUrl?: string;
}

/** A registered route as the document should show it (HEAD routes Fastify adds for GETs left out). */
export interface ApiRoute {
  method: string;
  url: string;
  hidden: boolean;
  hasBody: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered so far: the OpenAPI test holds the document to this list. */
    apiRoutes(): readonly ApiRoute[];
  }
}

const TAGS = [
  { name: 'eligibility', description: 'SheerID-compatible REST API v2: programs, verifications and their steps, document uploads' },
  { name: 'review', description: 'Human review of uploaded documents' },
  { name: 'reverification', description: 'Re-verifying earlier verifications of a program in bulk' },
  { name: 'reports', description: 'CSV reports of verifications and re-verification batches' },
  { name: 'auth', description: 'OAuth2 client-credentials tokens for the eligibility dialect' },
  { name: 'client requests', description: 'Treefort-compatible client identity requests: files, clients, links, reports' },
  { name: 'management', description: 'The account: API tokens, OAuth clients, programs, rosters, organizations, settings, audit log' },
  { name: 'webhooks', description: 'Endpoints, signed events and their deliveries' },
];

const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token (`POST /manage/v1/tokens`) or an OAuth2 access token (`POST /rest/v2/oauth/token` or `POST /api/auth/token`).',
  },
  clientBasic: {
    type: 'http',
    scheme: 'basic',
    description: "An OAuth2 client's id and secret, each percent-encoded (RFC 6749 section 2.3.1); they may be sent in the body instead.",
  },
};

/**
 * Security of routes whose schema declares none: the OAuth token endpoint takes the client's credentials in
 * HTTP Basic or in the body (`{}`: no header at all); a route whose rails name roles needs a bearer token.
 */
function securityOf(route: { url: string; config?: unknown }): unknown[] | undefined {
  if (route.url === '/rest/v2/oauth/token') return [{ clientBasic: [] }, {}];
  const access = (route.config as { rails?: { access?: unknown } } | undefined)?.rails?.access;
  return Array.isArray(access) ? [{ bearer: [] }] : undefined;
}

const UNDESCRIBED = 'Not yet described in this document';
/** Set on an operation by `transform` when its body may be left out; `finishOperations` turns it into `required: false`. */
const BODY_OPTIONAL = 'x-vouch-body-optional';
type Operation = {
  requestBody?: { required?: boolean };
  responses?: Record<string, { description?: string; content?: unknown }>;
  [BODY_OPTIONAL]?: boolean;
};

/** Whether a JSON Schema takes `null`: how a `.nullish()` body shows in it. */
const admitsNull = (json: unknown): boolean => {
  const s = json as { type?: unknown; anyOf?: unknown[] } | null;
  if (!s || typeof s !== 'object') return false;
  return s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || (s.anyOf ?? []).some(admitsNull);
};

/**
 * Whether a request may come without a body (an empty JSON body reads as none), which @fastify/swagger
 * never says: it marks every declared body required. A body schema says so by being optional
 * (`.optional()`, `.nullish()`). A schema that only documents the bodies its handler picks from, listed in
 * its metadata (`anyOf`) as the step routes' are, may be left out when one of those may: a `.nullish()`
 * body (completeDocUpload's) shows there as taking `null`. Other schemas that take anything because they
 * check nothing (an upload's bytes, read as a stream) are required.
 */
function bodyMayBeLeftOut(body: unknown): boolean {
  if (body instanceof z.ZodOptional) return true;
  if (!(body instanceof z.ZodType)) return false;
  const listed = (z.globalRegistry.get(body) as { anyOf?: unknown } | undefined)?.anyOf;
  return Array.isArray(listed) && listed.some(admitsNull);
}

/**
 * Last touches to every operation: a body that may be left out is not required; a route that declares no
 * answer (none should; the tests hold /rest/v2 and /manage/v1 to it) is shown as giving a body of any media
 * type and schema `{}`, so a typed client can still call it. A route that declares no body takes none, and
 * the document shows none.
 */
function finishOperations(document: { paths?: Record<string, Record<string, Operation>> }) {
  for (const item of Object.values(document.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (op[BODY_OPTIONAL]) {
        delete op[BODY_OPTIONAL];
        if (op.requestBody) op.requestBody.required = false;
      }
      const codes = Object.keys(op.responses ?? {});
      // @fastify/swagger's stand-in for a route that declares no response schema.
      if (
        codes.length === 1 &&
        codes[0] === '200' &&
        op.responses!['200'].description === 'Default Response' &&
        !op.responses!['200'].content
      ) {
        op.responses = { '2XX': { description: UNDESCRIBED, content: { '*/*': { schema: {} } } } };
      }
    }
  }
  return document;
}

/**
 * The OpenAPI 3.1 document (`GET /openapi.json`) built from the routes' own schemas, the docs page that
 * renders it (`GET /docs`), and the list of routes the document is tested against. Register before any route.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions) {
  const routes: ApiRoute[] = [];
  app.decorate('apiRoutes', () => routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as { hide?: boolean; body?: unknown } | undefined;
    for (const method of [route.method].flat().filter((m) => m !== 'HEAD')) {
      routes.push({ method, url: route.url, hidden: schema?.hide === true, hasBody: schema?.body !== undefined });
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vouch',
        version: options.version,
        description:
          'Self-hostable verification platform: a SheerID-compatible eligibility API (`/rest/v2`), ' +
          'a Treefort-compatible client identity request API (`/api`), and the management API (`/manage/v1`).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      ...(options.publicUrl ? { servers: [{ url: options.publicUrl }] } : {}),
      tags: TAGS,
      components: { securitySchemes: SECURITY_SCHEMES as never },
    },
    transform: (input) => {
      const out = documentIdempotencyKey(input.route, jsonSchemaTransform(input));
      const schema = out.schema as { security?: unknown; [BODY_OPTIONAL]?: boolean };
      schema.security ??= securityOf(input.route);
      if (bodyMayBeLeftOut(input.schema?.body)) schema[BODY_OPTIONAL] = true;
      return out;
    },
    transformObject: (document) => finishOperations((document as { openapiObject: object }).openapiObject) as object,
  });
  app.get('/openapi.json', { schema: { hide: true }, config: rails(OPEN_READ) }, async () => app.swagger());
  registerDocsPage(app, '/openapi.json');
}
