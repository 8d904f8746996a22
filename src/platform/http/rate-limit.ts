import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';

export const LIMIT_CATEGORIES = ['create', 'link', 'upload', 'auth'] as const;
export type LimitCategory = (typeof LIMIT_CATEGORIES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Puts a route under one of the rate limits (routes not in the table below opt in this way). */
    limitCategory?: LimitCategory;
  }
}

export interface RateLimitOptions {
  windowSeconds: number;
  /** Requests per window and caller in each category; 0 turns that category's limit off. */
  limits: Record<LimitCategory, number>;
}

/**
 * The routes under a limit, in one place: what creates something, what opens or issues a link, what
 * takes an upload, what exchanges credentials. Keyed by method and Fastify route pattern.
 */
const ROUTE_CATEGORIES: Record<string, LimitCategory> = {
  'POST /rest/v2/verification': 'create',
  'POST /rest/v2/verification/program/:programId/step/:step': 'create',
  'POST /rest/v2/verification/reverify': 'create',
  'POST /rest/v2/report/reverify/:batchId': 'create',
  'POST /rest/v2/report/verification': 'create',
  'POST /manage/v1/programs': 'create',
  'POST /manage/v1/programs/:programId/reward-codes': 'create',
  'POST /manage/v1/tokens': 'create',
  'POST /manage/v1/oauth-clients': 'create',
  'POST /manage/v1/webhooks': 'create',
  'POST /manage/v1/roster/import': 'create',
  'POST /manage/v1/organizations/import': 'create',
  'POST /api/client/create-verification-request': 'create',
  'POST /api/client/update-verification-request': 'create',
  'POST /api/client/re-initiate-verification-request': 'create',
  'POST /api/client/generate-sample-report': 'create',
  'POST /manage/v1/webhooks/events/:eventId/replay': 'create',
  'POST /api/client/get-link-info': 'link',
  // A transactionKey is a bearer secret presented without an account: limited like a credential, against guessing.
  'POST /api/casefile/transaction': 'auth',
  'PUT /rest/v2/document/upload/:token': 'upload',
  'POST /rest/v2/oauth/token': 'auth',
  'POST /api/auth/token': 'auth',
};

function categoryOf(req: FastifyRequest): LimitCategory | undefined {
  const route = req.routeOptions.url;
  if (!route) return undefined;
  const configured = req.routeOptions.config.limitCategory;
  if (configured) return configured;
  // Every page under /verify/ is reached through a client's link (landing and capture pages).
  if (route.startsWith('/verify/')) return req.method === 'GET' ? 'link' : 'upload';
  return ROUTE_CATEGORIES[`${req.method} ${route}`];
}

/**
 * Fixed-window counters, per token for authenticated callers (so one account's traffic never uses up
 * another's) and per client IP for anonymous ones (end users, links, uploads, credential exchanges).
 * Counters live in this process: with several processes on PostgreSQL each enforces its own share.
 */
export function registerRateLimits(app: FastifyInstance, options: RateLimitOptions) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const windowMs = options.windowSeconds * 1000;
  let nextSweep = 0;

  // onRequest, registered after authentication: the principal is known, the body not yet read.
  app.addHook('onRequest', async (req, reply) => {
    const category = categoryOf(req);
    const limit = category ? options.limits[category] : 0;
    if (!category || limit <= 0) return;
    const now = Date.now();
    if (now >= nextSweep) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      nextSweep = now + windowMs;
    }
    const caller = req.principal && category !== 'auth' ? `token:${req.principal.tokenId}` : `ip:${req.ip}`;
    const key = `${category}|${caller}`;
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      windows.set(key, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
    reply.header('ratelimit-limit', limit).header('ratelimit-remaining', Math.max(0, limit - w.count)).header('ratelimit-reset', resetSeconds);
    if (w.count > limit) {
      reply.header('retry-after', resetSeconds);
      throw CommonErrors.tooManyRequests(resetSeconds);
    }
  });
}
