import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { rememberConsumer, rememberMeCallToAction } from '../app/remember-me.ts';
import { readBody } from './body-findings.ts';
import { RememberConsumerBody } from './bodies.ts';
import { pathParam } from './params.ts';
import { NoContent } from './responses.ts';
import { jsonSchemaOf } from './step-bodies.ts';

const tags = ['eligibility'];
const Id = z.object({ verificationId: pathParam('verificationId') });

const CallToAction = z
  .object({
    verificationId: z.string(),
    alreadyRemembered: z.boolean().meta({ description: 'Whether the program’s account already remembers this email address' }),
    collectedInformation: z.object({
      collectedFields: z
        .array(z.string())
        .meta({ description: 'The names of the person’s properties that would be kept (never their values)' }),
      organization: z.object({ id: z.int(), name: z.string().nullable() }).nullable(),
    }),
  })
  .meta({ description: 'What could be remembered of the person after a success' });

/**
 * Remember-Me's two routes after a success (SheerID §2.4): what could be kept, and the person's consent.
 * Public: the verification id is the capability, as for the steps.
 */
export function registerRememberMeRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/rest/v2/verification/:verificationId/rememberMeCallToAction',
    {
      schema: {
        tags,
        summary: 'Remember-Me: what could be remembered of the person after a success',
        params: Id,
        response: { 200: CallToAction, ...eligibilityErrorResponses },
      },
      config: rails(OPEN_READ),
    },
    async (req) => rememberMeCallToAction(deps, req.params.verificationId, req.principal),
  );

  app.post(
    '/rest/v2/verification/:verificationId/rememberConsumer',
    {
      schema: {
        tags,
        summary: 'Remember-Me: the person agrees to be remembered (or not) by the program’s account',
        params: Id,
        body: z.unknown().meta(jsonSchemaOf(RememberConsumerBody)),
        response: { 204: NoContent, ...eligibilityErrorResponses },
      },
      config: rails({
        access: 'anyone',
        limit: 'step',
        idempotency: 'change',
        audit: audited('verification.remember-consumer', 'verification', 'params.verificationId'),
      }),
    },
    async (req, reply) => {
      await rememberConsumer(deps, req.params.verificationId, req.principal, () => readBody(RememberConsumerBody, req.body));
      return reply.status(204).send(null);
    },
  );
}
