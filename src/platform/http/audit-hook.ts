import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../shared/principal.ts';
import { basicCredentials } from './basic-auth.ts';

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
 * Hands every answered, routed request to the audit log once the answer is sent (so recording never
 * delays it). Writes still running when the server closes are awaited, so a stop loses none.
 */
export function registerAuditHook(app: FastifyInstance, observe: AuditObserver) {
  const bodies = new WeakMap<FastifyRequest, string>();
  const pending = new Set<Promise<void>>();
  const recorded = (req: FastifyRequest) => {
    const route = req.routeOptions.url;
    return route !== undefined && observe.records(req.method, route);
  };

  app.addHook('onSend', async (req, reply, payload) => {
    if (!recorded(req)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof payload === 'string' && payload.length <= MAX_KEPT && /json/.test(type)) bodies.set(req, payload);
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (!recorded(req)) return;
    const route = req.routeOptions.url!;
    const kept = bodies.get(req);
    const answered: AnsweredRequest = {
      method: req.method, route, params: (req.params ?? {}) as Record<string, string>, body: req.body,
      response: () => {
        try {
          return kept === undefined ? undefined : JSON.parse(kept);
        } catch {
          return undefined;
        }
      },
      status: reply.statusCode, principal: req.principal, ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id), basicUser: basicUser(req),
    };
    const write: Promise<void> = observe.record(answered)
      .catch((err: Error) => req.log.error({ error: { name: err.name, message: err.message } }, 'audit entry not written'))
      .finally(() => pending.delete(write));
    pending.add(write);
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
}
