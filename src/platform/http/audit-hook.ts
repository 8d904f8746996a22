import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../shared/principal.ts';
import { basicCredentials } from './basic-auth.ts';
import { clientAddress } from './client-address.ts';

/** What the HTTP layer knows about one answered request, for the audit log to make an entry of. */
export interface AnsweredRequest {
  method: string;
  /** The route pattern (`/rest/v2/verification/:verificationId`), never the raw URL. */
  route: string;
  params: Record<string, string>;
  body: unknown;
  /** The JSON body of the answer, parsed on demand; undefined when it was not JSON. */
  response(): unknown;
  status: number;
  principal: Principal | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  /** The basic-auth user name, when one was sent (OAuth client id at the token endpoint). */
  basicUser: string | null;
}

export interface AuditObserver {
  /** Whether requests of this route are recorded at all (decided once per route, cheap for the rest). */
  records(method: string, route: string): boolean;
  record(answered: AnsweredRequest): Promise<void>;
}

const MAX_KEPT = 64 * 1024;

function basicUser(req: FastifyRequest): string | null {
  return basicCredentials(req.headers.authorization, { percentEncoded: true })?.user || null;
}

/**
 * Hands every answered, routed request to the audit log once the exchange is over (so recording never
 * delays the answer). Writes still running when the server closes are awaited, so a stop loses none.
 */
export function registerAuditHook(app: FastifyInstance, observe: AuditObserver) {
  const bodies = new WeakMap<FastifyRequest, string>();
  const addresses = new WeakMap<FastifyRequest, string | null>();
  const scheduled = new WeakSet<FastifyRequest>();
  const pending = new Set<Promise<void>>();
  const recorded = (req: FastifyRequest) => {
    const route = req.routeOptions.url;
    return route !== undefined && observe.records(req.method, route);
  };

  const record = (req: FastifyRequest, reply: FastifyReply) => {
    const kept = bodies.get(req);
    const answered: AnsweredRequest = {
      method: req.method, route: req.routeOptions.url!, params: (req.params ?? {}) as Record<string, string>, body: req.body,
      response: () => {
        try {
          return kept === undefined ? undefined : JSON.parse(kept);
        } catch {
          return undefined;
        }
      },
      status: reply.statusCode, principal: req.principal, ip: addresses.get(req) ?? clientAddress(req),
      userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id), basicUser: basicUser(req),
    };
    const write: Promise<void> = observe.record(answered)
      .catch((err: Error) => req.log.error({ error: { name: err.name, message: err.message } }, 'audit entry not written'))
      .finally(() => pending.delete(write));
    pending.add(write);
  };

  // The address is read on arrival: a client that hangs up takes it away with its socket. (A request an
  // earlier hook answered, such as a refused credential, skips this one and is read when recorded.)
  app.addHook('onRequest', async (req) => {
    if (recorded(req)) addresses.set(req, clientAddress(req));
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!recorded(req)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof payload === 'string' && payload.length <= MAX_KEPT && /json/.test(type)) bodies.set(req, payload);
    if (!scheduled.has(req)) {
      scheduled.add(req);
      // Recorded when the answer has gone out or the client has gone, whichever ends the exchange; the
      // status is the one the route answered. Not on Fastify's onResponse: it waits for the answer to
      // finish, and an answer to a client that already hung up (an upload refused after it dropped the
      // connection) never does, so such requests went unrecorded.
      if (reply.raw.destroyed) record(req, reply);
      else reply.raw.once('close', () => record(req, reply));
    }
    return payload;
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
}
