import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { resetVerificationLimits } from '../app/verification-limits.ts';
import { readBody } from './body-findings.ts';
import { NoBody } from './bodies.ts';
import { pathParam } from './params.ts';
import { EmptyAnswer } from './responses.ts';

const Id = z.object({ verificationId: pathParam('verificationId') });
const nullBody = (body: unknown) => () => {
  const read = readBody(NoBody, body);
  return read.kind === 'ok' ? { kind: 'ok' as const, value: null } : read;
};

/** SheerID's reset of the same-person limit, from one of the person's verifications (§2.4). */
export function registerVerificationLimitRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/verification/:verificationId/resetVerificationLimits',
    {
      schema: {
        tags: ['eligibility'],
        summary: "Reset the program's same-person limit for the person of this verification",
        security: [{ bearer: [] }],
        params: Id,
        response: { 200: EmptyAnswer, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('verification.reset-limits', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => resetVerificationLimits(deps, req.params.verificationId, callerOf(req), nullBody(req.body)),
  );
}
