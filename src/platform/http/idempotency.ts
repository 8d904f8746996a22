import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SecretBox } from '../crypto/index.ts';
import { sha256 } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { CommonErrors } from '../../shared/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request won its Idempotency-Key and its response is to be stored. */
    idempotencyClaim: { scope: string; key: string } | null;
  }
  interface FastifyContextConfig {
    /** `false` turns Idempotency-Key handling off for a POST route (credential exchanges). */
    idempotency?: boolean;
  }
}

export interface IdempotencyOptions {
  db: Database;
  box: SecretBox;
  clock: Clock;
  ttlHours: number;
}

/** Scope of requests made without a token (the eligibility end-user flow): the key alone, among anonymous callers. */
export const PUBLIC_SCOPE = 'public';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying; the rest (date, request id, rate-limit counters) belong to each answer. */
const REPLAYED_HEADERS = ['content-type', 'location', 'cache-control'];
/**
 * Credential exchanges authenticate by their body: a replay keyed without an account would hand the token
 * to whoever repeats the key, so they never take part.
 */
const NEVER = new Set(['/rest/v2/oauth/token', '/api/auth/token']);

/** What makes two requests "the same": method, path with query, and the SHA-256 of the body. */
function fingerprint(req: FastifyRequest): string {
  const body = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  return sha256(`${req.method} ${req.url}\n${sha256(body)}`);
}

/**
 * Stripe's Idempotency-Key semantics for every POST: the first request with a key runs and its response
 * is stored; a retry with the same key and the same request gets that response again (with
 * `Idempotent-Replayed: true`), with another request 422, while the first still runs 409. Keys are kept
 * `ttlHours` per account. Which request runs is decided by the store's primary key (insert-or-conflict),
 * so concurrent requests with one key have exactly one effect, across processes on PostgreSQL too.
 */
export function registerIdempotency(app: FastifyInstance, options: IdempotencyOptions) {
  const { db, box, clock } = options;
  app.decorateRequest('idempotencyClaim', null);

  // preHandler: after authentication (the account is the scope) and after the body is parsed (fingerprint).
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || !req.routeOptions.url) return;
    const header = req.headers['idempotency-key'];
    if (header === undefined || NEVER.has(req.routeOptions.url) || req.routeOptions.config.idempotency === false) return;
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_PATTERN.test(key)) throw CommonErrors.invalidRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');

    const scope = req.principal?.accountId ?? PUBLIC_SCOPE;
    const print = fingerprint(req);
    const now = clock.now();
    const expired = new Date(now.getTime() - options.ttlHours * 3600_000);
    // Inserted, or taken over from an expired key: this request runs. Anything else: someone else ran it.
    const won = await db.insertInto('idempotency_keys')
      .values({ scope, key, fingerprint: print, state: 'running', created_at: now })
      .onConflict((oc) => oc.columns(['scope', 'key'])
        .doUpdateSet({ fingerprint: print, state: 'running', status: null, headers: null, body_enc: null, created_at: now })
        .where('idempotency_keys.created_at', '<', expired))
      .returning('key')
      .executeTakeFirst();
    if (won) {
      req.idempotencyClaim = { scope, key };
      return;
    }
    const stored = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (stored && stored.fingerprint !== print) throw CommonErrors.idempotencyKeyReused();
    // Gone between the two statements means the sweeper took an expired key another request is now claiming.
    if (!stored || stored.state !== 'complete') throw CommonErrors.idempotencyKeyInProgress();
    return replay(reply, stored.status ?? 200, stored.headers ?? {}, stored.body_enc ? box.decrypt(stored.body_enc) : '');
  });

  // onSend sees the serialized body of every answer, errors included: the claim is completed here.
  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotencyClaim;
    if (!claim) return payload;
    req.idempotencyClaim = null;
    const storable = payload === null || payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload);
    try {
      if (reply.statusCode >= 500 || !storable) {
        // A server failure (or a streamed body) is not an answer to keep: the key is freed for a retry.
        await db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const body = payload === null || payload === undefined ? '' : payload.toString();
      await db.updateTable('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key)
        .set({ state: 'complete', status: reply.statusCode, headers: JSON.stringify(headers), body_enc: box.encrypt(body) }).execute();
    } catch (err) {
      // The request's effect is done: its answer still goes out. The key stays `running` (409) until it expires.
      req.log.error({ error: { name: (err as Error).name, message: (err as Error).message } }, 'idempotent answer not stored');
    }
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, headers: Record<string, string>, body: string) {
  reply.code(status).headers(headers).header('idempotent-replayed', 'true');
  return reply.send(body);
}

/** Deletes keys older than `ttlHours` (the sweeper calls this); returns how many went. */
export async function sweepIdempotencyKeys(db: Database, clock: Clock, ttlHours: number): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(clock.now().getTime() - ttlHours * 3600_000)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * OpenAPI: announces the optional `Idempotency-Key` header on every POST that honours it (documentation
 * only; the header is read by the hook above, not validated by the route schema).
 */
export function documentIdempotencyKey<T extends { schema: object; url: string }>(route: { method: string | string[]; url: string }, out: T): T {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.includes('POST') || NEVER.has(route.url)) return out;
  const schema = out.schema as { headers?: { type: string; properties?: Record<string, unknown> } };
  const headers = schema.headers ?? { type: 'object', properties: {} };
  schema.headers = {
    ...headers,
    properties: {
      ...headers.properties,
      'idempotency-key': {
        type: 'string', minLength: 1, maxLength: 255,
        description: 'Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true); same key with another request: 422; while the first runs: 409.',
      },
    },
  };
  return out;
}
