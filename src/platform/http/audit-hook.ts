import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../shared/principal.ts';
import { basicCredentials } from './basic-auth.ts';
import { clientAddress } from './client-address.ts';
import { railsOf, type AuditRule } from './rails.ts';

/** What the HTTP layer knows about one answered request, for the audit log to make an entry of. */
export interface AnsweredRequest {
  method: string;
  /** The route pattern (`/rest/v2/verification/:verificationId`), never the raw URL. */
  route: string;
  /** The route's audit rule, from its rails. */
  rule: AuditRule;
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
  record(answered: AnsweredRequest): Promise<void>;
}

const MAX_KEPT = 64 * 1024;

function basicUser(req: FastifyRequest): string | null {
  return basicCredentials(req.headers.authorization, { percentEncoded: true })?.user || null;
}

/**
 * Hands every answered, routed request to the audit log before its answer leaves: an answer a client
 * received always has its entry, whatever happens to the process next (a SIGKILL right after the answer
 * used to lose the entries still queued). Which routes are recorded, and as what, their rails say.
 */
export function registerAuditHook(app: FastifyInstance, observe: AuditObserver) {
  const addresses = new WeakMap<FastifyRequest, string | null>();
  const done = new WeakSet<FastifyRequest>();
  const pending = new Set<Promise<void>>();
  const ruleOf = (req: FastifyRequest) => {
    const rule = railsOf(req)?.audit;
    return rule === undefined || rule === 'none' ? undefined : rule;
  };
  const recorded = (req: FastifyRequest) => ruleOf(req) !== undefined;

  const record = (req: FastifyRequest, reply: FastifyReply, kept: string | undefined): Promise<void> => {
    const answered: AnsweredRequest = {
      method: req.method,
      route: req.routeOptions.url!,
      rule: ruleOf(req)!,
      params: (req.params ?? {}) as Record<string, string>,
      body: req.body,
      response: () => {
        try {
          return kept === undefined ? undefined : JSON.parse(kept);
        } catch {
          return undefined;
        }
      },
      status: reply.statusCode,
      principal: req.principal,
      ip: addresses.get(req) ?? clientAddress(req),
      userAgent: req.headers['user-agent'] ?? null,
      requestId: String(req.id),
      basicUser: basicUser(req),
    };
    const write: Promise<void> = observe.record(answered).finally(() => pending.delete(write));
    pending.add(write);
    return write;
  };

  // The address is read on arrival: a client that hangs up takes it away with its socket. (A request an
  // earlier hook answered, such as a refused credential, skips this one and is read when recorded.)
  app.addHook('onRequest', async (req) => {
    if (recorded(req)) addresses.set(req, clientAddress(req));
  });

  // In onSend, awaited: the route has answered (its status and body are final) and nothing has been written
  // to the client yet. A client that already hung up is recorded the same way (Fastify's onResponse would
  // never run for it: it waits for an answer that cannot finish). Registered after the idempotency hook,
  // so an answer is stored under its key before its entry is written.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!recorded(req) || done.has(req)) return payload;
    done.add(req);
    const type = String(reply.getHeader('content-type') ?? '');
    const kept = typeof payload === 'string' && payload.length <= MAX_KEPT && /json/.test(type) ? payload : undefined;
    try {
      await record(req, reply, kept);
    } catch (err) {
      // No audited answer leaves without its entry (a read of PII or a document is refused rather than served
      // unrecorded): the error answers instead, 503 when the store is away, in the dialect's shape, and goes
      // out unrecorded, being the one thing the store refused to record. A change already stored under an
      // Idempotency-Key is replayed to the retry, which is recorded in its turn.
      req.log.error({ error: { name: (err as Error).name, message: (err as Error).message } }, 'audit entry not written');
      throw err;
    }
    return payload;
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
}
