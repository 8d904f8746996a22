import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How long a close waits for handlers whose connection is already gone. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Makes `app.close()` wait for the handlers still running. Fastify's close ends when the connections
 * have ended, but a handler whose connection was closed under it (the shutdown deadline, a client gone)
 * may still be cleaning up: an upload releasing its URL, a transaction rolling back. The store must not
 * close under it. Registered after every other hook, so its onClose runs first (Fastify runs them last
 * registered, first run) and the audit hook's own wait still sees the entries those handlers write.
 */
export function registerInFlight(app: FastifyInstance) {
  const running = new Set<FastifyRequest>();
  let drained: (() => void) | undefined;
  const finish = (req: FastifyRequest) => {
    if (running.delete(req) && running.size === 0) drained?.();
  };
  app.addHook('onRequest', async (req) => {
    running.add(req);
  });
  // A handler has finished once its answer is on its way, even when no connection is left to take it.
  app.addHook('onSend', async (req, _reply, payload) => {
    finish(req);
    return payload;
  });
  app.addHook('onResponse', async (req) => finish(req));
  app.addHook('onClose', async () => {
    if (running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      drained = resolve;
      timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
    });
    clearTimeout(timer);
  });
}
