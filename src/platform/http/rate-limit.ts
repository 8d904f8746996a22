import type { FastifyInstance, FastifyReply } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';
import { railsOf, type LimitCategory } from './rails.ts';

export interface RateLimitOptions {
  windowSeconds: number;
  /** Requests per window and caller in each category; 0 turns that category's limit off. */
  limits: Record<LimitCategory, number>;
}

/** What a caller may still do in one category's window. */
export interface Allowance {
  limit: number;
  remaining: number;
  resetSeconds: number;
  exceeded: boolean;
}

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
    limit,
    remaining: Math.max(0, limit - w.count),
    resetSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)),
    exceeded: w.count > limit,
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

/** Applies the limiter to every route that declares a category in its rails. */
export function registerRateLimits(app: FastifyInstance, limiter: RateLimiter) {
  // onRequest, registered after authentication: the principal is known, the body not yet read.
  app.addHook('onRequest', async (req, reply) => {
    const category = railsOf(req)?.limit;
    if (!category || category === 'none') return;
    const caller = req.principal && category !== 'auth' ? `token:${req.principal.tokenId}` : `ip:${req.ip}`;
    const a = limiter.hit(category, caller);
    if (!a) return;
    reply.header('ratelimit-limit', a.limit).header('ratelimit-remaining', a.remaining).header('ratelimit-reset', a.resetSeconds);
    if (a.exceeded) refuse(reply, a);
  });
}
