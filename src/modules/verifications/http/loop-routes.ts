import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import { cancelStep } from '../app/cancel-step.ts';
import { retrySmsLoop } from '../app/sms-loop.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { signInUrl } from '../app/sign-in.ts';
import { registerEmailLoopRoutes } from './email-loop-routes.ts';
import { readBody } from './body-findings.ts';
import { NoBody } from './bodies.ts';
import { pathParam } from './params.ts';
import { NoContent, VerificationResponse } from './responses.ts';

const tags = ['eligibility'];
const Id = z.object({ verificationId: pathParam('verificationId') });
const errors = eligibilityErrorResponses;

/**
 * DELETE of a step (cancel the document upload, skip the social security number, leave a loop), the
 * sign-in, and the email and SMS loops' own routes (their codes are posted to `.../step/{loop}`).
 */
export function registerStepCancelAndLoopRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.delete(
    '/rest/v2/verification/:verificationId/step/:step',
    {
      schema: {
        tags,
        summary: 'Cancel the document upload (the verification ends not approved), skip the social security number, or leave Remember-Me',
        params: z.object({ verificationId: pathParam('verificationId'), step: pathParam('step') }),
        response: { 200: VerificationResponse, ...errors },
      },
      // The verification id is the capability, as for the steps.
      config: rails({
        access: 'anyone',
        limit: 'step',
        audit: audited('verification.cancel-step', 'verification', 'params.verificationId'),
      }),
    },
    async (req) =>
      cancelStep(deps, {
        verificationId: req.params.verificationId,
        step: req.params.step,
        principal: req.principal,
        body: () => {
          const read = readBody(NoBody, req.body);
          return read.kind === 'ok' ? { kind: 'ok' as const, value: null } : read;
        },
      }),
  );

  app.get(
    '/rest/v2/verification/:verificationId/step/sso',
    {
      schema: {
        tags,
        summary: "Go to the organization's sign-in (single sign-on): 307 to the provider",
        params: Id,
        response: { 307: NoContent, ...errors },
      },
      // The verification id is the capability; each call starts a sign-in at the provider.
      config: rails({ access: 'anyone', limit: 'step', audit: audited('verification.sign-in', 'verification', 'params.verificationId') }),
    },
    async (req, reply) => reply.redirect(await signInUrl(deps, req.params.verificationId, req.principal), 307),
  );

  app.get(
    '/rest/v2/verification/:verificationId/step/smsLoop/retry',
    {
      schema: {
        tags,
        summary: 'Text the SMS loop a new code (the earlier one stops working)',
        params: Id,
        response: { 204: NoContent, ...errors },
      },
      config: rails({ access: 'anyone', limit: 'step', audit: audited('verification.sms-loop', 'verification', 'params.verificationId') }),
    },
    async (req, reply) => {
      await retrySmsLoop(deps, req.params.verificationId, req.principal);
      return reply.status(204).send(null);
    },
  );

  registerEmailLoopRoutes(app, deps);
}
