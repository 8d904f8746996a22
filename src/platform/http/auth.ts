import type { FastifyInstance } from 'fastify';
import { CommonErrors } from '../../shared/errors.ts';
import type { Principal } from '../../shared/principal.ts';
import { clientAddress } from './client-address.ts';
import { refuse, type RateLimiter } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller resolved from `Authorization: Bearer ...`; null when no token was sent. */
    principal: Principal | null;
  }
}

/**
 * Resolves a bearer token sent from `clientAddress` (the request's, after trusted proxies; null when
 * unknown): its principal, or null when the token is unknown, revoked or expired. A real token that may not
 * be used (suspended account, disabled user, address not allowed) is refused by throwing the AppError that
 * says why.
 */
export type Authenticator = (bearer: string, clientAddress: string | null) => Promise<Principal | null>;

/**
 * Resolves the bearer token of every request once. A request without a token is anonymous (the
 * eligibility end-user flow allows that); a token that is sent but unknown, revoked or expired is refused,
 * and counted as a guess; a real token that may not be used here is refused with its reason, uncounted.
 */
export function registerAuth(app: FastifyInstance, authenticate: Authenticator, limiter?: RateLimiter) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    // Only the Bearer scheme names a Vouch principal; Basic belongs to the OAuth token endpoint.
    if (!header || /^Basic\s/i.test(header)) return;
    // Token guessing: an address past its share of failed attempts is refused before any lookup.
    const caller = `ip:${req.ip}`;
    const blocked = limiter?.exceeded('auth', caller, FAILED_BEARER);
    if (blocked) refuse(reply, blocked);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // A refusal of a real token is thrown from here, before the guess is counted.
    const principal = match ? await authenticate(match[1], clientAddress(req)) : null;
    if (!principal) {
      await limiter?.hit('auth', caller, FAILED_BEARER);
      throw CommonErrors.unauthorized();
    }
    req.principal = principal;
  });
}

/** The counter of failed bearer tokens per address, under the `auth` category's limit. */
const FAILED_BEARER = 'failedBearer';
