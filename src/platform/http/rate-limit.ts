import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';

export const LIMIT_CATEGORIES = ['create', 'step', 'link', 'upload', 'auth'] as const;
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
  // Each submission runs the step's checks; a script repeating them on one verification is held here.
  'POST /rest/v2/verification/:verificationId/step/:step': 'step',
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

/** What a caller may still do in one category's window. */
export interface Allowance { limit: number; remaining: number; resetSeconds: number; exceeded: boolean }

/**
 * Fixed-window counters, per token for authenticated callers (so one account's traffic never uses up
 * another's) and per client IP for anonymous ones (end users, links, uploads, credential exchanges).
 * Counters live in this process: with several processes on PostgreSQL each enforces its own share.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const windowMs = options.windowSeconds * 1000;
  let nextSweep = 0;

  const windowOf = (key: string, now: number) => {
    if (now >= nextSweep) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      nextSweep = now + windowMs;
    }
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      windows.set(key, w);
    }
    return w;
  };
  const allowance = (limit: number, w: { count: number; resetAt: number }, now: number): Allowance => ({
    limit, remaining: Math.max(0, limit - w.count), resetSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)), exceeded: w.count > limit,
  });

  return {
    /** Counts one request of `caller` in `category`; undefined when that category is not limited. */
    hit(category: LimitCategory, caller: string, counter: string = category): Allowance | undefined {
      const limit = options.limits[category];
      if (limit <= 0) return undefined;
      const now = Date.now();
      const w = windowOf(`${counter}|${caller}`, now);
      w.count++;
      return allowance(limit, w, now);
    },
    /** Whether `caller` has already gone past `category`'s limit, without counting anything. */
    exceeded(category: LimitCategory, caller: string, counter: string = category): Allowance | undefined {
      const limit = options.limits[category];
      const w = limit > 0 ? windows.get(`${counter}|${caller}`) : undefined;
      const now = Date.now();
      return w && w.resetAt > now && w.count >= limit ? { ...allowance(limit, w, now), exceeded: true } : undefined;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** The answer to a caller past its limit: 429 with Retry-After, in the caller's dialect. */
export function refuse(reply: FastifyReply, a: Allowance): never {
  reply.header('retry-after', a.resetSeconds);
  throw CommonErrors.tooManyRequests(a.resetSeconds);
}

/** Applies the limiter to every route in a category. */
export function registerRateLimits(app: FastifyInstance, limiter: RateLimiter) {
  // onRequest, registered after authentication: the principal is known, the body not yet read.
  app.addHook('onRequest', async (req, reply) => {
    const category = categoryOf(req);
    if (!category) return;
    const caller = req.principal && category !== 'auth' ? `token:${req.principal.tokenId}` : `ip:${req.ip}`;
    const a = limiter.hit(category, caller);
    if (!a) return;
    reply.header('ratelimit-limit', a.limit).header('ratelimit-remaining', a.remaining).header('ratelimit-reset', a.resetSeconds);
    if (a.exceeded) refuse(reply, a);
  });
}
