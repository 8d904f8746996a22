import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../../platform/http/auth.ts';
import type { RostersModule } from '../index.ts';

/** Roster import (management API). */
export function registerRosterRoutes(app: FastifyInstance, rosters: RostersModule) {
  app.post('/manage/v1/roster/import', {
    schema: { tags: ['management'], summary: 'Import eligible people (text/csv)', security: [{ bearer: [] }] },
  }, async (req) => rosters.importCsv(requireRole(req, 'ADMIN').accountId, req.body));
}
