import type { FastifyRequest } from 'fastify';
import type { RequestFacts } from '../app/start-verification.ts';

/** What a verification keeps of the request that made or moved it: who called, from where, with what. */
export const requestFacts = (req: FastifyRequest): RequestFacts => ({
  principal: req.principal,
  clientIp: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
  origin: req.headers.origin ?? req.headers.referer ?? null,
});
