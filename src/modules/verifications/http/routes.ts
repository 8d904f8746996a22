import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { getByTrackingId, getVerification, getVerificationDetails } from '../app/read-verification.ts';
import { startVerification } from '../app/start-verification.ts';
import { submitStep } from '../app/submit-step.ts';
import { startWithFirstStep } from '../app/start-with-step.ts';
import { registerVerificationAdminRoutes } from './admin-routes.ts';
import { registerVerificationLimitRoutes } from './limit-routes.ts';
import { registerBarcodeRoute } from './barcode-route.ts';
import { requestFacts } from './request-facts.ts';
import { registerLegacyUploadRoutes } from './legacy-upload-routes.ts';
import { registerMarketplaceRoute } from './marketplace-routes.ts';
import { registerRememberMeRoutes } from './remember-me-routes.ts';
import { registerStepCancelAndLoopRoutes } from './loop-routes.ts';
import { StartBody } from './bodies.ts';
import { pathParam } from './params.ts';
import { VerificationDetails, VerificationResponse } from './responses.ts';
import { FirstStepBodyDocument, StepBodyDocument, stepBodyReader } from './step-bodies.ts';

const Id = z.object({ verificationId: pathParam('verificationId') });
const Step = z.object({ verificationId: pathParam('verificationId'), step: pathParam('step') });
const tags = ['eligibility'];
/** A verification's answer, or the dialect's error. */
const answers = { 200: VerificationResponse, ...eligibilityErrorResponses };

/**
 * The eligibility end-user flow, callable without a token (the verification id is the capability), and
 * the account's reads and changes of its verifications (admin-routes.ts).
 */
export async function registerVerificationRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/verification',
    {
      schema: { tags, summary: 'Start a verification', body: StartBody, response: answers },
      config: rails({
        access: 'anyone',
        limit: 'create',
        idempotency: 'change',
        audit: audited('verification.start', 'verification', 'response.verificationId'),
      }),
    },
    async (req) => {
      return (await startVerification(deps, req.body, requestFacts(req))).response;
    },
  );

  app.post(
    '/rest/v2/verification/program/:programId/step/:step',
    {
      schema: {
        tags,
        summary: 'Start a verification and submit its first step',
        params: z.object({ programId: pathParam('programId'), step: pathParam('step') }),
        // Read by the schema of the program's first step, once the program is known (step-bodies.ts).
        body: FirstStepBodyDocument,
        response: answers,
      },
      config: rails({
        access: 'anyone',
        limit: 'create',
        idempotency: 'change',
        audit: audited('verification.start', 'verification', 'response.verificationId'),
      }),
    },
    async (req) => startWithFirstStep(deps, req.params.programId, req.params.step, stepBodyReader(req.body), requestFacts(req)),
  );

  app.get(
    '/rest/v2/verification/:verificationId',
    {
      schema: { tags, summary: 'Current state of a verification', params: Id, response: answers },
      config: rails(OPEN_READ),
    },
    async (req) => getVerification(deps, req.params.verificationId, req.principal),
  );

  app.post(
    '/rest/v2/verification/:verificationId/step/:step',
    {
      // The body is read by the schema of the verification's current step once it is loaded (step-bodies.ts).
      schema: { tags, summary: 'Submit a step', params: Step, body: StepBodyDocument, response: answers },
      // Each submission runs the step's checks; a script repeating them on one verification is held by `step`.
      config: rails({
        access: 'anyone',
        limit: 'step',
        idempotency: 'change',
        audit: audited('verification.submit-step', 'verification', 'params.verificationId'),
      }),
    },
    async (req) =>
      submitStep(deps, {
        verificationId: req.params.verificationId,
        stepPath: req.params.step,
        body: stepBodyReader(req.body),
        facts: requestFacts(req),
      }),
  );

  app.get(
    '/rest/v2/verification/:verificationId/details',
    {
      schema: {
        tags,
        summary: 'Everything recorded about a verification',
        params: Id,
        security: [{ bearer: [] }],
        response: { 200: VerificationDetails, ...eligibilityErrorResponses },
      },
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
        params: z.object({ programId: pathParam('programId'), trackingId: pathParam('trackingId', 200) }),
        response: answers,
      },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        audit: audited('verification.read-by-tracking-id', 'verification', 'response.verificationId'),
      }),
    },
    async (req) => getByTrackingId(deps, req.params.programId, req.params.trackingId, req.principal),
  );

  registerStepCancelAndLoopRoutes(root, deps);
  registerVerificationAdminRoutes(root, deps);
  registerVerificationLimitRoutes(root, deps);
  registerMarketplaceRoute(root, deps);
  registerRememberMeRoutes(root, deps);
  registerBarcodeRoute(root, deps);
  await registerLegacyUploadRoutes(root, deps);
}
