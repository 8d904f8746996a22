import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import { strictBody } from '../../../platform/http/strict-body.ts';
import type { ProgramLinksDeps } from '../app/deps.ts';
import { sendLink } from '../app/send-link.ts';

const ProgramParams = z.object({
  programId: z.string().max(100, { error: "Path parameter 'programId' must be at most 100 characters" }),
});

const EXTERNAL_USER_ID = "Property 'externalUserId' must be a string of at most 200 characters on one line";

export const SendLinkBody = strictBody({
  phoneNumber: z
    .string({ error: "Property 'phoneNumber' is required: a mobile phone number with its country code, such as +1 555 000 1111" })
    .meta({
      description: 'A mobile number with its country code (E.164; spaces, hyphens, dots and parentheses are allowed)',
      examples: ['+1 555 000 1111'],
    }),
  externalUserId: z
    .string({ error: EXTERNAL_USER_ID })
    .max(200, { error: EXTERNAL_USER_ID })
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: EXTERNAL_USER_ID })
    .optional()
    .meta({ description: "The integrator's id of the person, carried on the link (`?externalUserId=`)", examples: ['user-1234'] }),
});

const NoContent = z.null().meta({ description: 'Sent; no body' });

/** SheerID's `POST /program/{programId}/sendLink` (§2.5): public, as the form page calls it for a person. */
export function registerProgramLinkRoutes(root: FastifyInstance, deps: ProgramLinksDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/program/:programId/sendLink',
    {
      schema: {
        tags: ['eligibility'],
        summary: "Text the program's verification link to a phone",
        description:
          'Sends the hosted form of the program by text message. Each number receives a bounded number of links a day, and each program sends a bounded number (429 past either).',
        params: ProgramParams,
        body: SendLinkBody,
        response: { 204: NoContent, ...eligibilityErrorResponses },
      },
      config: rails({
        access: 'anyone',
        limit: 'link',
        idempotency: 'change',
        // The program only: the phone number is never recorded.
        audit: audited('program.send-link', 'program', 'params.programId'),
      }),
    },
    async (req, reply) => {
      try {
        await sendLink(deps, { programId: req.params.programId, ...req.body }, req.principal?.accountId);
      } catch (e) {
        const cause = (e as { cause?: unknown }).cause;
        // Why the provider refused, for the operator (the caller is told only that it was not sent).
        if (cause instanceof Error) req.log.error({ error: { name: cause.name, message: cause.message } }, 'text message not sent');
        throw e;
      }
      return reply.status(204).send(null);
    },
  );
}
