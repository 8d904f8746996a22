import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import { convertTrackingId, convertVerification } from '../app/record-conversion.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { readBody } from './body-findings.ts';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { pathParam } from './params.ts';
import { jsonSchemaOf } from './step-bodies.ts';

const tags = ['eligibility'];
const errors = eligibilityErrorResponses;

/** The conversion body (SheerID §2.7); every property optional, none other accepted. */
export const ConversionBody = strictBody({
  amount: z
    .number({ error: "Property 'amount' must be a number of at least 0" })
    .min(0, { error: "Property 'amount' must be a number of at least 0" })
    .max(1e12, { error: "Property 'amount' must be at most 1000000000000" })
    .optional()
    .meta({ description: 'What the conversion was worth; 1 when absent', examples: [19.99] }),
  currency: z
    .string({ error: "Property 'currency' must be an ISO-4217 code such as USD" })
    .regex(/^[A-Z]{3}$/, { error: "Property 'currency' must be an ISO-4217 code such as USD" })
    .optional()
    .meta({ description: 'ISO-4217 currency of the amount; USD when absent', examples: ['USD'] }),
  tags: z
    .array(z.string().max(100, { error: 'A tag must be at most 100 characters' }), { error: "Property 'tags' must be an array of strings" })
    .max(20, { error: "Property 'tags' must hold at most 20 tags" })
    .optional()
    .meta({ description: 'Labels of the conversion (for instance the product)', examples: [['annual-plan']] }),
});

const ConversionAnswer = z
  .strictObject({ id: z.string() })
  .meta({ description: 'The conversion recorded', examples: [{ id: '5f1e0c7a9d3b2a1c0e4f6a8b' }] });

/** A body as the document shows it, read in the use case once the verification is known (a refusal names it). */
const documented = z.unknown().meta(jsonSchemaOf(ConversionBody));
const conversionBody = (body: unknown) => () =>
  body === undefined || body === null ? { kind: 'ok' as const, value: undefined } : readBody(ConversionBody, body);

/**
 * Conversions (SheerID §2.7): the integrator tells which verified people went on to buy. Public, as in
 * SheerID (the page that verified the person calls them); a token, when sent, must be of the account.
 */
export function registerConversionRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/conversion/verification/:verificationId',
    {
      schema: {
        tags,
        summary: 'Record a conversion of a verified person',
        params: z.object({ verificationId: pathParam('verificationId') }),
        body: documented,
        response: { 200: ConversionAnswer, ...errors },
      },
      config: rails({
        access: 'anyone',
        limit: 'step',
        idempotency: 'change',
        audit: audited('verification.conversion', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => convertVerification(deps, req.params.verificationId, req.principal, conversionBody(req.body)),
  );

  app.post(
    '/rest/v2/conversion/account/:accountId/trackingId/:trackingId',
    {
      schema: {
        tags,
        summary: "Record a conversion for the account's latest verification of a tracking id",
        params: z.object({ accountId: pathParam('accountId'), trackingId: pathParam('trackingId', 200) }),
        body: documented,
        response: { 200: ConversionAnswer, ...errors },
      },
      config: rails({
        access: 'anyone',
        limit: 'step',
        idempotency: 'change',
        audit: audited('verification.conversion-by-tracking-id', 'account', 'params.accountId'),
      }),
    },
    async (req) => convertTrackingId(deps, req.params.accountId, req.params.trackingId, req.principal, conversionBody(req.body)),
  );
}
