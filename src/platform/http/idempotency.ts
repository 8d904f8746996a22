import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExpressionBuilder } from 'kysely';
import type { SecretBox } from '../crypto/index.ts';
import { sha256 } from '../crypto/index.ts';
import type { Database, DB } from '../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { CommonErrors } from '../../shared/errors.ts';
import { railsOf, type Rails } from './rails.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set when this request won its Idempotency-Key and its response is to be stored; `claimedAt` is the
     * claim's time as stored, which tells this claim from a later one that took the key over.
     */
    idempotencyClaim: { scope: string; key: string; claimedAt: Date } | null;
  }
}

export interface IdempotencyOptions {
  db: Database;
  box: SecretBox;
  clock: Clock;
  ttlHours: number;
  /** How long a `running` key stays claimed by a request that may have died with its process. */
  leaseSeconds: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying; the rest (date, request id, rate-limit counters) belong to each answer. */
const REPLAYED_HEADERS = ['content-type', 'location', 'cache-control'];

/**
 * Without a token the header is honoured only where the path itself carries the capability, and the key
 * is scoped by it: whoever can repeat the request holds that capability already. Link tokens are hashed
 * (they are stored hashed everywhere). Elsewhere an anonymous caller's header is ignored: a shared scope
 * would hand one caller's answer (a new verification's id) to another who guessed the key and body.
 */
const CAPABILITY_SCOPES: Readonly<
  Record<string, { scope: (params: Record<string, string | undefined>) => string | undefined; what: string }>
> = {
  '/rest/v2/verification/:verificationId/step/:step': {
    scope: (p) => p.verificationId && `verification:${p.verificationId}`,
    what: 'the verification in the path',
  },
  '/verify/:token/:step': { scope: (p) => p.token && `link:${sha256(p.token)}`, what: 'the link in the path' },
};

/**
 * What makes two requests "the same": method, path with query, and the SHA-256 of the body as parsed
 * (JSON, form fields or text), before any schema has trimmed or defaulted it.
 */
function fingerprint(req: FastifyRequest): string {
  const body = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  return sha256(`${req.method} ${req.url}\n${sha256(body)}`);
}

/**
 * Stripe's Idempotency-Key semantics for the POSTs that create or change something (rails `idempotency: 'change'`): the
 * first request with a key runs and its response is stored; a retry with the same key and the same
 * request gets that response again (with `Idempotent-Replayed: true`), with another request 422, while the
 * first still runs 409. Keys are kept `ttlHours` per calling token (see `scopeOf`). Which request runs is
 * decided by the store's primary key (insert-or-conflict), so concurrent requests with one key have
 * exactly one effect, across processes on PostgreSQL too.
 *
 * A claim is a lease: a key still `running` `leaseSeconds` after its claim belongs to a request that died
 * with its process (no live request runs that long), and the same request sent again takes it over and
 * runs. What such a re-run means per route is in docs/safety-rails.md.
 */
export function registerIdempotency(app: FastifyInstance, options: IdempotencyOptions) {
  const { db, box, clock } = options;
  app.decorateRequest('idempotencyClaim', null);

  /**
   * Whose key it is: the calling token (an OAuth access token: its client, so a retry with a renewed
   * access token still replays), within its account; without a token, the capability in the path, or
   * none (the header is then ignored).
   */
  function scopeOf(req: FastifyRequest, route: string): string | undefined {
    const p = req.principal;
    if (!p) return CAPABILITY_SCOPES[route]?.scope(req.params as Record<string, string | undefined>) || undefined;
    return p.clientId ? `client:${p.accountId}:${p.clientId}` : `token:${p.accountId}:${p.tokenId}`;
  }

  // preValidation: after authentication (the token is the scope) and after the body is parsed (fingerprint),
  // before the route's schema judges the body. A key reused with another body is 422 whatever that body is,
  // and a body the schema refuses is an answer like any other: stored under its key and replayed.
  app.addHook('preValidation', async (req, reply) => {
    const header = req.headers['idempotency-key'];
    const route = req.routeOptions.url;
    if (req.method !== 'POST' || header === undefined || !route) return;
    const use = railsOf(req)?.idempotency;
    if (use === 'secret') {
      throw CommonErrors.invalidRequest(
        'Idempotency-Key is not accepted here: the answer holds a secret that is shown once and never stored to be shown again. Send the request without the header; before retrying, list what exists.',
      );
    }
    if (use !== 'change') return;
    const scope = scopeOf(req, route);
    if (!scope) return;
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_PATTERN.test(key)) throw CommonErrors.invalidRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');

    const print = fingerprint(req);
    const now = clock.now();
    const expired = new Date(now.getTime() - options.ttlHours * 3600_000);
    const leaseEnded = new Date(now.getTime() - options.leaseSeconds * 1000);
    // Inserted, taken over from an expired key, or taken over by the same request from a claim whose lease
    // has ended: this request runs. Anything else: someone else runs or ran it.
    const won = await db
      .insertInto('idempotency_keys')
      .values({ scope, key, fingerprint: print, state: 'running', created_at: now })
      .onConflict((oc) =>
        oc
          .columns(['scope', 'key'])
          .doUpdateSet({ fingerprint: print, state: 'running', status: null, headers: null, body_enc: null, created_at: now })
          .where((eb) =>
            eb.or([
              eb('idempotency_keys.created_at', '<', expired),
              eb.and([
                eb('idempotency_keys.state', '=', 'running'),
                eb('idempotency_keys.fingerprint', '=', print),
                eb('idempotency_keys.created_at', '<', leaseEnded),
              ]),
            ]),
          ),
      )
      .returning('key')
      .executeTakeFirst();
    if (won) {
      req.idempotencyClaim = { scope, key, claimedAt: now };
      return;
    }
    const stored = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (stored && stored.fingerprint !== print) throw CommonErrors.idempotencyKeyReused();
    // Gone between the two statements means the sweeper took an expired key another request is now claiming.
    // Still running: its request runs, or died less than a lease ago.
    if (stored?.state !== 'complete') throw CommonErrors.idempotencyKeyInProgress();
    return replay(reply, stored.status ?? 200, stored.headers ?? {}, stored.body_enc ? box.decrypt(stored.body_enc) : '');
  });

  // onSend sees the serialized body of every answer, errors included: the claim is completed here.
  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotencyClaim;
    if (!claim) return payload;
    req.idempotencyClaim = null;
    const storable = payload === null || payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload);
    // Only while the claim is this request's: one that outlived its lease may have been taken over by a retry,
    // whose answer is then the one kept.
    const mine = (eb: ExpressionBuilder<DB, 'idempotency_keys'>) =>
      eb.and({ scope: claim.scope, key: claim.key, created_at: claim.claimedAt });
    try {
      if (reply.statusCode >= 500 || !storable) {
        // A server failure (or a streamed body) is not an answer to keep: the key is freed for a retry.
        await db.deleteFrom('idempotency_keys').where(mine).execute();
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const body = payload === null || payload === undefined ? '' : payload.toString();
      const kept = await db
        .updateTable('idempotency_keys')
        .where(mine)
        .set({ state: 'complete', status: reply.statusCode, headers: JSON.stringify(headers), body_enc: box.encrypt(body) })
        .executeTakeFirst();
      if (kept.numUpdatedRows === 0n)
        req.log.warn('idempotent answer not stored: the key was taken over (its lease ended) or expired meanwhile');
    } catch (err) {
      // The request's effect is done: its answer still goes out. The key stays `running` (409) until its
      // lease ends, when a retry runs the request again.
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
  const r = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(clock.now().getTime() - ttlHours * 3600_000))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * OpenAPI: announces the optional `Idempotency-Key` header on the POSTs that honour it (rails
 * `idempotency: 'change'`), with its scope (documentation only; the header is read by the hook above, not validated
 * by the route schema). Routes that refuse or ignore it do not show it.
 */
export function documentIdempotencyKey<T extends { schema: object; url: string }>(
  route: { method: string | string[]; url: string; schema?: unknown; config?: { rails?: Rails } },
  out: T,
): T {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.includes('POST') || route.config?.rails?.idempotency !== 'change') return out;
  const needsToken = Array.isArray((route.schema as { security?: unknown } | undefined)?.security);
  const capability = CAPABILITY_SCOPES[route.url];
  const anonymous = needsToken
    ? ''
    : capability
      ? ` Without a token the key is scoped to ${capability.what}.`
      : ' Ignored without a bearer token.';
  const schema = out.schema as { headers?: { type: string; properties?: Record<string, unknown> } };
  const headers = schema.headers ?? { type: 'object', properties: {} };
  schema.headers = {
    ...headers,
    properties: {
      ...headers.properties,
      'idempotency-key': {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        description:
          'Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token ' +
          `(an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; ` +
          `a first request the server died during is run again by a retry once its lease has ended.${anonymous}`,
      },
    },
  };
  return out;
}
