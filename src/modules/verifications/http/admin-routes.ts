import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { expireVerification } from '../app/expire.ts';
import { labelVerification } from '../app/labels.ts';
import { getMetadata, replaceMetadata } from '../app/metadata.ts';
import { purgePersonData } from '../app/purge-person-data.ts';
import { refireWebhooks } from '../app/refire-webhooks.ts';
import { getPossibleSteps, getTrackingIdHistory } from '../app/read-verification.ts';
import { FRAUD_LABELS } from '../domain/fraud-labels.ts';
import { readBody } from './body-findings.ts';
import { registerConversionRoutes } from './conversion-routes.ts';
import { registerSearchRoutes } from './search-routes.ts';
import { LabelBody, MetadataBody, NoBody } from './bodies.ts';
import { pathParam } from './params.ts';
import { EmptyAnswer, MetadataAnswer, NoContent, PossibleSteps, TrackingIdHistory, VerificationResponse } from './responses.ts';
import { jsonSchemaOf } from './step-bodies.ts';

const tags = ['eligibility'];
const security = [{ bearer: [] }];
const Id = z.object({ verificationId: pathParam('verificationId') });
const errors = eligibilityErrorResponses;

/**
 * A body as the document shows it, read by its schema in the use case once the verification is loaded
 * (as a step's is), so that a refused body is answered with the verification it concerns.
 */
const documented = (schema: z.ZodType) => z.unknown().meta(jsonSchemaOf(schema));
const nullBody = (body: unknown) => () => {
  const read = readBody(NoBody, body);
  return read.kind === 'ok' ? { kind: 'ok' as const, value: null } : read;
};

/**
 * What an account does with its verifications besides the person's flow (SheerID §2.4), and the two
 * reads integrators make around it: a tracking id's history and a program's possible steps.
 */
export function registerVerificationAdminRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/rest/v2/verification/:verificationId/metadata',
    {
      schema: { tags, summary: "A verification's metadata", security, params: Id, response: { 200: MetadataAnswer, ...errors } },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        audit: audited('verification.read-metadata', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => getMetadata(deps, req.params.verificationId, callerOf(req)),
  );

  app.put(
    '/rest/v2/verification/:verificationId/metadata',
    {
      schema: {
        tags,
        summary: "Replace a verification's metadata",
        security,
        params: Id,
        body: documented(MetadataBody),
        response: { 200: MetadataAnswer, ...errors },
      },
      config: rails({
        access: ['VERIFIER'],
        limit: 'none',
        audit: audited('verification.replace-metadata', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => replaceMetadata(deps, req.params.verificationId, callerOf(req), () => readBody(MetadataBody, req.body)),
  );

  app.post(
    '/rest/v2/verification/:verificationId/label/:label',
    {
      schema: {
        tags,
        summary: 'Label a verification as suspected or confirmed fraud',
        security,
        params: z.object({
          verificationId: pathParam('verificationId'),
          label: pathParam('label').meta({ enum: [...FRAUD_LABELS] }),
        }),
        body: documented(LabelBody),
        response: { 204: NoContent, ...errors },
      },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('verification.label', 'verification', 'params.verificationId'),
      }),
    },
    async (req, reply) => {
      await labelVerification(deps, {
        id: req.params.verificationId,
        label: req.params.label,
        principal: callerOf(req),
        body: () => readBody(LabelBody, req.body),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/rest/v2/verification/:verificationId/expire',
    {
      schema: {
        tags,
        summary: 'Abandon an unfinished verification (it ends in expiredVerification)',
        // It takes no body (the document shows none); one sent all the same is refused, naming the verification.
        params: Id,
        response: { 200: VerificationResponse, ...errors },
      },
      // The verification id is the capability, as for the steps (SheerID's endpoint takes no token).
      config: rails({
        access: 'anyone',
        limit: 'step',
        idempotency: 'change',
        audit: audited('verification.expire', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => expireVerification(deps, req.params.verificationId, req.principal, nullBody(req.body)),
  );

  app.post(
    '/rest/v2/verification/:verificationId/purgePersonData',
    {
      schema: {
        tags,
        summary: "Erase the person's data from a verification and its documents (and expire it if unfinished)",
        security,
        params: Id,
        response: { 200: EmptyAnswer, ...errors },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('verification.purge-person-data', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => purgePersonData(deps, req.params.verificationId, callerOf(req), nullBody(req.body)),
  );

  app.post(
    '/rest/v2/verification/:verificationId/refireWebhooks',
    {
      schema: {
        tags,
        summary: "Tell the account's webhooks the verification's current state again",
        security,
        params: Id,
        response: { 204: NoContent, ...errors },
      },
      config: rails({
        access: ['VERIFIER'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('verification.refire-webhooks', 'verification', 'params.verificationId'),
      }),
    },
    async (req, reply) => {
      await refireWebhooks(deps, req.params.verificationId, callerOf(req), nullBody(req.body));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/rest/v2/verification/program/:programId/trackingId/:trackingId/history',
    {
      schema: {
        tags,
        summary: "The latest verifications for a tracking id (token of the program's account)",
        security,
        params: z.object({ programId: pathParam('programId'), trackingId: pathParam('trackingId', 200) }),
        response: { 200: TrackingIdHistory, ...errors },
      },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        audit: audited('verification.read-tracking-id-history', 'program', 'params.programId'),
      }),
    },
    async (req) => getTrackingIdHistory(deps, req.params.programId, req.params.trackingId, req.principal),
  );

  app.get(
    '/rest/v2/program/:programId/possibleSteps',
    {
      schema: {
        tags,
        summary: 'The steps a verification of the program can stand on',
        params: z.object({ programId: pathParam('programId') }),
        response: { 200: PossibleSteps, ...errors },
      },
      config: rails(OPEN_READ),
    },
    async (req) => getPossibleSteps(deps, req.params.programId, req.principal),
  );

  registerConversionRoutes(root, deps);
  registerSearchRoutes(root, deps);
}
