import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses, problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { OrganizationsModule } from '../index.ts';
import { OrganizationDetailsAnswer } from './schemas.ts';

/**
 * Organization import (management API): `name,type,country,domain` as text/csv; and the organization
 * submitted on a verification (eligibility API, SheerID's `GET /organization/{verificationId}`).
 */
export function registerOrganizationRoutes(root: FastifyInstance, organizations: OrganizationsModule) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/rest/v2/organization/:verificationId',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'The organization submitted on a verification',
        security: [{ bearer: [] }],
        params: z.object({
          verificationId: z.string().max(100, { error: "Path parameter 'verificationId' must be at most 100 characters" }),
        }),
        response: { 200: OrganizationDetailsAnswer, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['VERIFIER', 'REVIEWER'],
        limit: 'none',
        audit: audited('verification.read-organization', 'verification', 'params.verificationId'),
      }),
    },
    async (req) => organizations.ofVerification(callerOf(req), req.params.verificationId),
  );

  app.post(
    '/manage/v1/organizations/import',
    {
      schema: {
        tags: ['management'],
        summary: 'Import organizations (text/csv)',
        security: [{ bearer: [] }],
        consumes: ['text/csv', 'text/plain'],
        body: z.string({ error: 'Send the organizations as text/csv' }).meta({
          description: 'CSV with the columns `name,type,country,domain` (name and type required)',
          examples: ['name,type,country,domain\nRiverside College,UNIVERSITY,US,riverside.edu\n'],
        }),
        response: {
          200: z
            .object({
              imported: z.int(),
              organizations: z
                .array(z.object({ id: z.int(), name: z.string() }))
                .meta({ description: 'The first organizations created, in file order (at most 100)' }),
            })
            .meta({
              description: 'What was imported',
              examples: [{ imported: 1, organizations: [{ id: 1000001, name: 'Riverside College' }] }],
            }),
          ...problemResponses,
        },
      },
      config: rails({ access: ['ADMIN'], limit: 'create', idempotency: 'change', audit: audited('organizations.import') }),
    },
    async (req) => {
      return organizations.importCsv(callerOf(req).accountId, req.body);
    },
  );
}
