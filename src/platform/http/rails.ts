import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';
import { hasRole, type Principal, type Role } from '../../shared/principal.ts';

/** The rate limits a route can count against (their sizes are configuration: RATE_LIMIT_*). */
export const LIMIT_CATEGORIES = ['create', 'step', 'link', 'upload', 'auth'] as const;
export type LimitCategory = (typeof LIMIT_CATEGORIES)[number];

/**
 * What a POST does with `Idempotency-Key`:
 * - `change`: creates or changes something. The header is honoured.
 * - `read`: only reads (reports with photos, client data). The header is ignored: nothing is stored, so
 *   no copy of the answer outlives the data it shows (an expired report is never replayed).
 * - `secret`: the answer holds a credential shown once (API token, OAuth client secret, webhook signing
 *   secret). The header is refused (400): a copy of the secret is never kept, and the caller knows a
 *   retry may create a second one.
 * - `exchange`: credential exchanges, which have no account before they run. The header is ignored.
 */
export type IdempotencyUse = 'change' | 'read' | 'secret' | 'exchange';

/** The audit log's entry for a route: its action, and what it is about. */
export interface AuditRule {
  action: string;
  subjectType?: string;
  /** Where the subject's id is found, first match wins: `params.x`, `body.x`, `response.x`, `response.data.x`, `principal.userId`. */
  subjectFrom?: readonly string[];
}

/**
 * Everything the platform does around a route's handler, declared next to its path:
 * - `access`: `anyone` (no token needed; a token, when sent, is resolved and may widen what is seen),
 *   `link` (the capability is the link token in the path), or the roles of which the caller's token must
 *   hold one (ADMIN holds every role). Checked before the rate limit, the body and the handler.
 * - `limit`: the rate limit the route counts against, or `none`.
 * - `idempotency`: for a POST, what `Idempotency-Key` does there (required on POSTs, absent elsewhere).
 * - `audit`: the audit log's entry, or `none` (reads without personal data, such as status polling).
 */
export interface Rails {
  access: 'anyone' | 'link' | readonly [Role, ...Role[]];
  limit: LimitCategory | 'none';
  idempotency?: IdempotencyUse;
  audit: AuditRule | 'none';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rails?: Rails;
  }
}

/** The `config` of a route with its rails; `extra` for other route settings (`streamsBody`). */
export const rails = <E extends object = object>(r: Rails, extra?: E) => ({ ...extra, rails: r }) as E & { rails: Rails };

/** The rails of a route anyone may read: outside the rate limits and the audit log (operations, themes, status). */
export const OPEN_READ: Rails = { access: 'anyone', limit: 'none', audit: 'none' };

/** An audit rule: action, then the subject's type and where its id is found. */
export const audited = (action: string, subjectType?: string, ...subjectFrom: string[]): AuditRule =>
  subjectType ? { action, subjectType, subjectFrom } : { action };

/** The declaration of the route a request was routed to; undefined for unrouted requests (404). */
export const railsOf = (req: FastifyRequest): Rails | undefined =>
  req.routeOptions.url === undefined ? undefined : req.routeOptions.config.rails;

export interface DeclaredRoute {
  method: string;
  url: string;
  rails: Rails;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered so far with its rails (HEAD routes Fastify adds for GETs left out). */
    declaredRoutes(): readonly DeclaredRoute[];
  }
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a declaration cannot stand, or null. */
function faultOf(method: string, r: Rails | undefined): string | null {
  if (!r) return 'declares no rails (access, limit, audit, and idempotency on a POST): see docs/safety-rails.md';
  if (method === 'POST' && !r.idempotency) return 'is a POST without an idempotency declaration';
  if (method !== 'POST' && r.idempotency) return `declares idempotency, which only POSTs honour`;
  if (CHANGES.has(method) && r.audit === 'none') return 'changes state but is not audited';
  if (Array.isArray(r.access) && r.access.length === 0) return 'names no role';
  return null;
}

/**
 * Collects every route's rails as it is registered, and refuses (throws, so the server does not start) a
 * route without them, or one whose declaration cannot stand: a route forgotten by the rails fails at
 * once, in every test that starts a server. Routes hidden from the API (`/health`, `/openapi.json` ...)
 * declare theirs like any other. Then checks `access` on every request, once authentication has run.
 */
export function registerRails(app: FastifyInstance) {
  const routes: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', () => routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    const declared = route.config?.rails;
    for (const method of methods) {
      const fault = faultOf(method, declared);
      if (fault) throw new Error(`${method} ${route.url} ${fault}`);
      routes.push({ method, url: route.url, rails: declared! });
    }
  });
  app.addHook('onRequest', async (req) => {
    const access = railsOf(req)?.access;
    if (Array.isArray(access)) requireRole(req, ...access);
  });
}

/** The caller, who must hold one of `roles` (ADMIN holds every role). */
function requireRole(req: FastifyRequest, ...roles: Role[]): Principal {
  if (!req.principal) throw CommonErrors.unauthorized();
  const principal = req.principal;
  if (!roles.some((role) => hasRole(principal, role))) throw CommonErrors.forbidden();
  return principal;
}

/** The caller of a route whose rails name its roles (checked before the handler runs). */
export function callerOf(req: FastifyRequest): Principal {
  if (!req.principal) throw CommonErrors.unauthorized();
  return req.principal;
}
