import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../../platform/http/auth.ts';
import type { RostersModule } from '../index.ts';

/** Roster import (management API). */
export function registerRosterRoutes(app: FastifyInstance, rosters: RostersModule) {
  app.post('/manage/v1/roster/import', {
    schema: {
      tags: ['management'], summary: 'Import eligible people (text/csv); ?replace=true replaces the whole roster', security: [{ bearer: [] }],
    },
  }, async (req) => {
    const replace = (req.query as Record<string, string>).replace === 'true';
    return rosters.importCsv(requireRole(req, 'ADMIN').accountId, req.body, replace);
  });
}
