import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';
import { basicCredentials } from './basic-auth.ts';

export interface OperationsOptions {
  /** What must answer for the server to take traffic, by name (store, jobs ...); each throws when it cannot. */
  readiness: Record<string, () => Promise<unknown>>;
  metrics: Metrics;
  /** When set, `/metrics` asks for HTTP Basic credentials with this password (any user name). */
  metricsToken: string | undefined;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * `/ready` (503 until every dependency answers) and `/metrics` (Prometheus text format). `/health`, which
 * only says the process is alive, stays with the server. Basic rather than Bearer protects `/metrics`:
 * a Bearer token names a Vouch principal of one account, while metrics belong to the whole installation.
 */
export function registerOperationsRoutes(app: FastifyInstance, options: OperationsOptions) {
  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    const checks: Record<string, string> = {};
    let ready = true;
    await Promise.all(Object.entries(options.readiness).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 5000);
        checks[name] = 'ok';
      } catch {
        // The reason stays in the log: a database error message can name hosts and users.
        checks[name] = 'unavailable';
        ready = false;
      }
    }));
    if (!ready) app.log.warn({ checks }, 'not ready');
    return reply.status(ready ? 200 : 503).header('cache-control', 'no-store').send({ status: ready ? 'ready' : 'unavailable', checks });
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (options.metricsToken) {
      const password = basicCredentials(req.headers.authorization)?.password ?? '';
      if (!sameSecret(password, options.metricsToken)) {
        return reply.status(401).header('www-authenticate', 'Basic realm="metrics"').type('text/plain; charset=utf-8').send('Unauthorized\n');
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
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms); }),
  ]);
}
