import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';
import { presenterFor } from './dialects.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route streams a large body (uploads): instead of one deadline for the whole body it must keep
     * up a minimum transfer rate once the grace period has passed.
     */
    streamsBody?: boolean;
  }
}

export interface HttpTimeouts {
  /** All headers of a request must arrive within this. */
  headersTimeoutMs: number;
  /** A request body must arrive whole within this (and it is the grace period of a streamed upload). */
  bodyTimeoutMs: number;
  /** After the grace period, a streamed upload must average at least this many bytes per second; 0 = off. */
  uploadMinBytesPerSecond: number;
  /** A connection with nothing moving on it is closed after this. */
  idleTimeoutMs: number;
}

/**
 * Node's own whole-request limit: only a backstop here (uploads may rightly take long); the body watch
 * below is what holds each request to its own limit. No request body arrives for longer than this.
 */
export const REQUEST_BACKSTOP_MS = 60 * 60 * 1000;

/** Fastify's own server options for these limits (Node's http server enforces them). */
export const serverTimeoutOptions = (t: HttpTimeouts) => ({
  connectionTimeout: t.idleTimeoutMs,
  requestTimeout: REQUEST_BACKSTOP_MS,
});

interface Watched {
  req: FastifyRequest;
  reply: FastifyReply;
  startedAt: number;
  bytesAtStart: number;
}

/**
 * Bodies that arrive too slowly. A client that trickles a body (a byte every few seconds) would otherwise
 * hold a connection, a request and, for uploads, the upload URL's lock for as long as it likes. One timer
 * for the whole server looks, once a second, at the requests whose body is still arriving; one that is too
 * slow is answered 408 in its dialect's shape and its connection is closed, which also ends the handler's
 * read of the body (an upload then releases its URL).
 */
export function registerBodyTimeouts(app: FastifyInstance, t: HttpTimeouts) {
  app.server.headersTimeout = t.headersTimeoutMs;
  const watched = new Set<Watched>();

  const tooSlow = (w: Watched, now: number): boolean => {
    const elapsed = now - w.startedAt;
    if (!w.req.routeOptions.config.streamsBody) return elapsed > t.bodyTimeoutMs;
    if (elapsed <= t.bodyTimeoutMs || t.uploadMinBytesPerSecond === 0) return false;
    const received = (w.req.raw.socket?.bytesRead ?? 0) - w.bytesAtStart;
    return received < (t.uploadMinBytesPerSecond * elapsed) / 1000;
  };

  const sweep = () => {
    const now = Date.now();
    for (const w of watched) {
      if (w.req.raw.complete || w.reply.sent || w.req.raw.destroyed) {
        watched.delete(w);
      } else if (tooSlow(w, now)) {
        watched.delete(w);
        timeOut(w);
      }
    }
  };
  const timer = setInterval(sweep, Math.min(1000, t.bodyTimeoutMs));
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.addHook('onRequest', async (req, reply) => {
    // Most bodies have arrived whole by the time the hooks run; only the others are watched.
    if (req.raw.complete) return;
    watched.add({ req, reply, startedAt: Date.now(), bytesAtStart: req.raw.socket?.bytesRead ?? 0 });
  });
}

function timeOut({ req, reply }: Watched) {
  req.log.warn({ route: req.routeOptions.url }, 'request body too slow; connection closed');
  reply.header('connection', 'close');
  // Once the answer is out, the request itself is destroyed (and its socket with it): a handler still
  // reading the body then sees it fail. Closing only the socket would not do: Node no longer ends a
  // request whose answer has been sent, and the reader would wait for ever.
  reply.raw.once('finish', () => req.raw.destroy());
  presenterFor(req.url)(CommonErrors.requestTimeout(), req, reply);
}
