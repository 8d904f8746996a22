import type { FastifyInstance } from 'fastify';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { RostersModule } from '../index.ts';

/** Roster import (management API). */
export function registerRosterRoutes(app: FastifyInstance, rosters: RostersModule) {
  app.post(
    '/manage/v1/roster/import',
    {
      schema: {
        tags: ['management'],
        summary: 'Import eligible people (text/csv); ?replace=true replaces the whole roster',
        security: [{ bearer: [] }],
      },
      config: rails({ access: ['ADMIN'], limit: 'create', idempotency: 'change', audit: audited('roster.import') }),
    },
    async (req) => {
      const replace = (req.query as Record<string, string>).replace === 'true';
      return rosters.importCsv(callerOf(req).accountId, req.body, replace);
    },
  );
}
