import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audited, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { getByTrackingId, getVerification, getVerificationDetails } from '../app/read-verification.ts';
import { startVerification, type RequestFacts } from '../app/start-verification.ts';
import { submitStep } from '../app/submit-step.ts';
import { startWithFirstStep } from '../app/start-with-step.ts';

const facts = (req: FastifyRequest): RequestFacts => ({
  principal: req.principal,
  clientIp: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

const Id = z.object({ verificationId: z.string().max(100) });
const Step = z.object({ verificationId: z.string().max(100), step: z.string().max(100) });
const tags = ['eligibility'];

/** The eligibility end-user flow. Callable without a token: the verification id is the capability. */
export function registerVerificationRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/verification',
    {
      schema: { tags, summary: 'Start a verification' },
      config: rails({
        access: 'anyone',
        limit: 'create',
        idempotency: 'change',
        audit: audited('verification.start', 'verification', 'response.verificationId'),
      }),
    },
    async (req) => (await startVerification(deps, req.body, facts(req))).response,
  );

  app.post(
    '/rest/v2/verification/program/:programId/step/:step',
    {
      schema: {
        tags,
        summary: 'Start a verification and submit its first step',
        params: z.object({ programId: z.string().max(100), step: z.string().max(100) }),
      },
      config: rails({
        access: 'anyone',
        limit: 'create',
        idempotency: 'change',
        audit: audited('verification.start', 'verification', 'response.verificationId'),
      }),
    },
    async (req) => startWithFirstStep(deps, req.params.programId, req.params.step, req.body, facts(req)),
  );

  app.get(
    '/rest/v2/verification/:verificationId',
    {
      schema: { tags, summary: 'Current state of a verification', params: Id },
      config: rails(OPEN_READ),
    },
    async (req) => getVerification(deps, req.params.verificationId, req.principal),
  );

  app.post(
    '/rest/v2/verification/:verificationId/step/:step',
    {
      schema: { tags, summary: 'Submit a step', params: Step },
      // Each submission runs the step's checks; a script repeating them on one verification is held by `step`.
      config: rails({
        access: 'anyone',
        limit: 'step',
        idempotency: 'change',
        audit: audited('verification.submit-step', 'verification', 'params.verificationId'),
      }),
    },
    async (req) =>
      submitStep(deps, { verificationId: req.params.verificationId, stepPath: req.params.step, body: req.body, facts: facts(req) }),
  );

  app.get(
    '/rest/v2/verification/:verificationId/details',
    {
      schema: { tags, summary: 'Everything recorded about a verification', params: Id, security: [{ bearer: [] }] },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        audit: audited('verification.read-details', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => getVerificationDetails(deps, req.params.verificationId, req.principal),
  );

  app.get(
    '/rest/v2/verification/program/:programId/trackingId/:trackingId',
    {
      schema: {
        tags,
        summary: "Latest verification for a tracking id (token of the program's account)",
        security: [{ bearer: [] }],
        params: z.object({ programId: z.string().max(100), trackingId: z.string().max(200) }),
      },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        audit: audited('verification.read-by-tracking-id', 'verification', 'response.verificationId'),
      }),
    },
    async (req) => getByTrackingId(deps, req.params.programId, req.params.trackingId, req.principal),
  );
}
