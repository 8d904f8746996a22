import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { RostersModule } from '../index.ts';

const HEADER = 'organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate';

/** Roster import (management API). */
export function registerRosterRoutes(root: FastifyInstance, rosters: RostersModule) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/manage/v1/roster/import',
    {
      schema: {
        tags: ['management'],
        summary: 'Import eligible people (text/csv); ?replace=true replaces the whole roster',
        security: [{ bearer: [] }],
        querystring: z.object({
          replace: z.string().optional().meta({ description: '`true`: the file takes the place of the whole roster' }),
        }),
        consumes: ['text/csv', 'text/plain'],
        body: z.string({ error: 'Send the roster as text/csv' }).meta({
          description: `CSV with the header \`${HEADER}\`; a person needs a birth date or an email to be matched`,
          examples: [`${HEADER}\n1,Ann,Able,2000-02-29,ann@example.com,,2025-09-01,2028-06-30\n`],
        }),
        response: {
          200: z
            .object({ imported: z.int(), replaced: z.boolean() })
            .meta({ description: 'How many people were imported', examples: [{ imported: 1, replaced: false }] }),
          ...problemResponses,
        },
      },
      config: rails({ access: ['ADMIN'], limit: 'create', idempotency: 'change', audit: audited('roster.import') }),
    },
    async (req) => {
      return rosters.importCsv(callerOf(req).accountId, req.body, req.query.replace === 'true');
    },
  );
}
