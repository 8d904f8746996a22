import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';
import { basicCredentials } from './basic-auth.ts';
import { OPEN_READ, rails } from './rails.ts';

export interface OperationsOptions {
  /**
   * What requests need, by name (store, jobs, key, blobs ...); each throws, with the reason, when it is
   * missing. Each should do what requests do (a write, a decryption), not only ask whether something answers.
   */
  readiness: Record<string, () => Promise<unknown>>;
  metrics: Metrics;
  /** When set, `/metrics` asks for HTTP Basic credentials with this password (any user name). */
  metricsToken: string | undefined;
}

/** How long one round of readiness checks answers every `/ready`: a flood of probes costs one round a second. */
export const READINESS_CACHE_MS = 1000;
const CHECK_TIMEOUT_MS = 5000;

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | 'unavailable'>;
}

/**
 * `/ready` (503 until every dependency does what requests need, naming the failing checks) and `/metrics`
 * (Prometheus text format). `/health`, which only says the process is alive, stays with the server. Basic
 * rather than Bearer protects `/metrics`: a Bearer token names a Vouch principal of one account, while
 * metrics belong to the whole installation.
 */
export function registerOperationsRoutes(app: FastifyInstance, options: OperationsOptions) {
  const runChecks = async (): Promise<Readiness> => {
    const outcomes = await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return [name, 'ok'] as const;
        } catch (e) {
          // The reason goes to the log, not to the answer: a database error message can name hosts and users.
          app.log.warn(
            { check: name, reason: (e as Error)?.message ?? String(e), code: (e as { code?: unknown })?.code },
            'readiness check failed',
          );
          return [name, 'unavailable'] as const;
        }
      }),
    );
    return { ready: outcomes.every(([, outcome]) => outcome === 'ok'), checks: Object.fromEntries(outcomes) };
  };
  // One round at a time, its result kept a moment after it ends.
  let running: Promise<Readiness> | undefined;
  let kept: { until: number; result: Readiness } | undefined;
  const readiness = () => {
    if (kept && Date.now() < kept.until) return Promise.resolve(kept.result);
    running ??= runChecks()
      .then((result) => {
        kept = { until: Date.now() + READINESS_CACHE_MS, result };
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  app.get('/ready', { schema: { hide: true }, config: rails(OPEN_READ) }, async (_req, reply) => {
    const { ready, checks } = await readiness();
    return reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'unavailable', checks });
  });

  // Its own credential (METRICS_TOKEN, HTTP Basic), checked below: not a Vouch principal.
  app.get('/metrics', { schema: { hide: true }, config: rails(OPEN_READ) }, async (req, reply) => {
    if (options.metricsToken) {
      const password = basicCredentials(req.headers.authorization)?.password ?? '';
      if (!sameSecret(password, options.metricsToken)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Basic realm="metrics"')
          .type('text/plain; charset=utf-8')
          .send('Unauthorized\n');
      }
    }
    const body = await options.metrics.registry.metrics();
    return reply.type(options.metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]);
}
