import type { FastifyRequest } from 'fastify';

/**
 * The client's address (after X-Forwarded-For from trusted proxies), or null when it is no longer known.
 * Fastify reads it from the socket on each access: once the client has hung up the socket has no peer
 * (the address reads as undefined), and where the request has lost its socket the read throws. A request
 * whose client left is still answered and audited, so this never throws.
 */
export function clientAddress(req: FastifyRequest): string | null {
  try {
    return req.ip || null;
  } catch {
    return null;
  }
}
