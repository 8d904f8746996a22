import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../../platform/http/auth.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import type { OrganizationsModule } from '../index.ts';

/** Organization import (management API): `name,type,country,domain` as text/csv. */
export function registerOrganizationRoutes(app: FastifyInstance, organizations: OrganizationsModule) {
  app.post('/manage/v1/organizations/import', {
    schema: { tags: ['management'], summary: 'Import organizations (text/csv)', security: [{ bearer: [] }] },
  }, async (req) => {
    const principal = requireRole(req, 'ADMIN');
    if (typeof req.body !== 'string') throw CommonErrors.invalidRequest('Send the organizations as text/csv');
    return organizations.importCsv(principal.accountId, req.body);
  });
}
