import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { startMarketplace } from '../app/marketplace.ts';
import { MarketplaceBody } from './bodies.ts';
import { VerificationResponse } from './responses.ts';

/** `POST /rest/v2/verification/marketplace`: a marketplace starts a verification for a person it knows. */
export function registerMarketplaceRoute(root: FastifyInstance, deps: VerificationsDeps) {
  root.withTypeProvider<ZodTypeProvider>().post(
    '/rest/v2/verification/marketplace',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Start a marketplace verification (answers the token the person gives back)',
        security: [{ bearer: [] }],
        body: MarketplaceBody,
        response: { 200: VerificationResponse, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['VERIFIER'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('verification.start-marketplace', 'verification', 'response.verificationId'),
      }),
    },
    async (req: FastifyRequest<{ Body: typeof MarketplaceBody._output }>) =>
      startMarketplace(deps, req.body, {
        principal: req.principal,
        clientIp: req.body.subject.ipAddressExtended ?? req.body.subject.ipAddress ?? req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        origin: null,
      }),
  );
}
