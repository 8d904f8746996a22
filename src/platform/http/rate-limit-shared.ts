import { sql } from 'kysely';
import type { Database } from '../db/index.ts';
import type { LimitCategory } from './rails.ts';
import type { Allowance, RateLimitOptions } from './rate-limit.ts';

/**
 * Fixed-window counters in the database, for instances sharing one PostgreSQL: every instance counts into
 * the same row per counter and caller, so a caller's limit is the same whichever instance it reaches.
 *
 * One statement per counted request: an upsert that adds one to the row's count in its current window, or
 * starts a new window at 1 once the current one has ended. As in memory, a caller's window starts at its
 * first request (not at a fixed boundary, which a burst could straddle and be counted in two windows).
 *
 * `exceeded` (the check before a bearer token is looked up) costs no statement: it answers from what this
 * instance learnt from its own counts. Another instance learns that a caller is over its limit from the
 * count its next failed attempt returns, so a window allows at most one more failed attempt per instance.
 */
export function createSharedRateLimiter(db: Database, options: RateLimitOptions) {
  const windowMs = options.windowSeconds * 1000;
  /** Callers this instance saw reach their limit, until their window ends. */
  const blocked = new Map<string, { limit: number; count: number; resetAt: number }>();
  let nextSweep = 0;

  /** Now and then (once a window per instance), rows of ended windows go, off the request path. */
  const sweep = (now: number) => {
    if (now < nextSweep) return;
    nextSweep = now + windowMs;
    for (const [k, b] of blocked) if (b.resetAt <= now) blocked.delete(k);
    void sql`delete from rate_limit_counters where window_start <= ${now - windowMs}`.execute(db).catch(() => undefined);
  };

  const allowance = (limit: number, count: number, resetAt: number, now: number): Allowance => ({
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    exceeded: count > limit,
  });

  return {
    async hit(category: LimitCategory, caller: string, counter: string = category): Promise<Allowance | undefined> {
      const limit = options.limits[category];
      if (limit <= 0) return undefined;
      const now = Date.now();
      sweep(now);
      const key = `${counter}|${caller}`;
      // Both SET expressions read the row as it was: a window that has ended starts over at this request.
      const r = await sql<{ count: number; window_start: string | number }>`
        insert into rate_limit_counters as c (key, window_start, count) values (${key}, ${now}, 1)
        on conflict (key) do update set
          count = case when c.window_start <= ${now - windowMs} then 1 else c.count + 1 end,
          window_start = case when c.window_start <= ${now - windowMs} then excluded.window_start else c.window_start end
        returning c.count, c.window_start`.execute(db);
      const row = r.rows[0];
      const resetAt = Number(row.window_start) + windowMs;
      if (row.count >= limit) blocked.set(key, { limit, count: row.count, resetAt });
      return allowance(limit, row.count, resetAt, now);
    },
    exceeded(category: LimitCategory, caller: string, counter: string = category): Allowance | undefined {
      if (options.limits[category] <= 0) return undefined;
      const b = blocked.get(`${counter}|${caller}`);
      const now = Date.now();
      return b && b.resetAt > now ? { ...allowance(b.limit, b.count, b.resetAt, now), exceeded: true } : undefined;
    },
  };
}
