import type { FastifyInstance, FastifyReply } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';
import type { Database } from '../db/index.ts';
import { railsOf, type LimitCategory } from './rails.ts';
import { createSharedRateLimiter } from './rate-limit-shared.ts';

export interface RateLimitOptions {
  windowSeconds: number;
  /** Requests per window and caller in each category; 0 turns that category's limit off. */
  limits: Record<LimitCategory, number>;
  /**
   * The database every instance shares (PostgreSQL): counters are kept there, so a caller's limit holds
   * across instances. Without it (the embedded store, one process) they stay in this process's memory.
   */
  shared?: Database;
}

/** What a caller may still do in one category's window. */
export interface Allowance {
  limit: number;
  remaining: number;
  resetSeconds: number;
  exceeded: boolean;
}

/** Counts requests per caller and category, in memory or (with `shared`) in the database. */
export interface RateLimiter {
  /** Counts one request of `caller` in `category`; undefined when that category is not limited. */
  hit(category: LimitCategory, caller: string, counter?: string): Allowance | undefined | Promise<Allowance | undefined>;
  /** Whether `caller` has already gone past `category`'s limit, without counting anything. */
  exceeded(category: LimitCategory, caller: string, counter?: string): Allowance | undefined;
}

/**
 * Fixed-window counters, per token for authenticated callers (so one account's traffic never uses up
 * another's) and per client IP for anonymous ones (end users, links, uploads, credential exchanges).
 * With `shared` the counters are rows of the database (rate-limit-shared.ts); otherwise they live in this
 * process, which is all there is on the embedded store, and cost no statement.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  return options.shared ? createSharedRateLimiter(options.shared, options) : createMemoryRateLimiter(options);
}

function createMemoryRateLimiter(options: RateLimitOptions): RateLimiter {
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
    const counted = limiter.hit(category, caller);
    // The in-memory limiter answers at once: no await (and no extra turn of the event loop) on the embedded store.
    const a = counted instanceof Promise ? await counted : counted;
    if (!a) return;
    reply.header('ratelimit-limit', a.limit).header('ratelimit-remaining', a.remaining).header('ratelimit-reset', a.resetSeconds);
    if (a.exceeded) refuse(reply, a);
  });
}
