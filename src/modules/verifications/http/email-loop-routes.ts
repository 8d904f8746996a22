import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { redirectEmailLoop, retrieveEmailLoopToken, retryEmailLoop } from '../app/email-loop.ts';
import { readBody } from './body-findings.ts';
import { pathParam } from './params.ts';
import { NoContent, VerificationResponse } from './responses.ts';
import { jsonSchemaOf } from './step-bodies.ts';

const tags = ['eligibility'];
const Id = z.object({ verificationId: pathParam('verificationId') });
const errors = eligibilityErrorResponses;
const address = (required: boolean) => {
  const s = z.string({ error: `Property 'emailAddress' ${required ? 'is required and ' : ''}must be a string` }).max(254);
  return required ? s : s.optional();
};
const OverrideBody = strictBody({ emailAddress: address(true) }).meta({ examples: [{ emailAddress: 'randy@stanford.edu' }] });
const ResumeBody = strictBody({ emailAddress: address(false) })
  .nullable()
  .optional();
const RetrieveBody = strictBody({ refreshToken: z.boolean({ error: "Property 'refreshToken' must be a boolean" }).optional() })
  .nullable()
  .optional();
const documented = (schema: z.ZodType) => z.unknown().meta(jsonSchemaOf(schema));
const sends = (access: 'anyone' | ['VERIFIER']) =>
  rails({
    access,
    limit: 'step',
    idempotency: 'change',
    audit: audited('verification.email-loop', 'verification', 'params.verificationId'),
  });

/** The email loop's own routes (the code itself is posted to `.../step/emailLoop`, a DELETE leaves the loop). */
export function registerEmailLoopRoutes(app: ReturnType<FastifyInstance['withTypeProvider']>, deps: VerificationsDeps) {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/rest/v2/verification/:verificationId/step/emailLoop/retry',
    {
      schema: {
        tags,
        summary: 'Send the email loop a new code (the earlier one stops working)',
        params: Id,
        response: { 204: NoContent, ...errors },
      },
      config: rails({
        access: 'anyone',
        limit: 'step',
        audit: audited('verification.email-loop', 'verification', 'params.verificationId'),
      }),
    },
    async (req, reply) => {
      await retryEmailLoop(deps, req.params.verificationId, req.principal);
      return reply.status(204).send(null);
    },
  );

  typed.post(
    '/rest/v2/verification/:verificationId/step/emailLoop/emailAddressOverride',
    {
      schema: {
        tags,
        summary: "Send the email loop's code to another address (at the organization's domain, when it has one)",
        params: Id,
        body: documented(OverrideBody),
        response: { 200: VerificationResponse, ...errors },
      },
      config: sends('anyone'),
    },
    async (req) => redirectEmailLoop(deps, req.params.verificationId, req.principal, () => readBody(OverrideBody, req.body)),
  );

  typed.post(
    '/rest/v2/verification/:verificationId/step/emailLoop/resume',
    {
      schema: {
        tags,
        summary: 'Resume the email loop: a new code, to another address if one is given (token of the account)',
        security: [{ bearer: [] }],
        params: Id,
        body: documented(ResumeBody),
        response: { 200: VerificationResponse, ...errors },
      },
      config: sends(['VERIFIER']),
    },
    async (req) =>
      redirectEmailLoop(deps, req.params.verificationId, req.principal, () => {
        const read = readBody(ResumeBody, req.body);
        return read.kind === 'ok' ? { kind: 'ok', value: read.value ?? {} } : read;
      }),
  );

  typed.post(
    '/rest/v2/verification/:verificationId/step/emailLoop/retrieveToken',
    {
      schema: {
        tags,
        summary: 'A new email loop code, answered instead of mailed, for an integrator that sends its own email (token of the account)',
        security: [{ bearer: [] }],
        params: Id,
        body: documented(RetrieveBody),
        response: { 200: z.object({ token: z.string().meta({ description: 'The code to give back in .../step/emailLoop' }) }), ...errors },
      },
      config: sends(['VERIFIER']),
    },
    async (req) => retrieveEmailLoopToken(deps, req.params.verificationId, req.principal, () => readBody(RetrieveBody, req.body)),
  );
}
