import type { FastifyInstance } from 'fastify';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import type { OrganizationsModule } from '../index.ts';

/** Organization import (management API): `name,type,country,domain` as text/csv. */
export function registerOrganizationRoutes(app: FastifyInstance, organizations: OrganizationsModule) {
  app.post(
    '/manage/v1/organizations/import',
    {
      schema: { tags: ['management'], summary: 'Import organizations (text/csv)', security: [{ bearer: [] }] },
      config: rails({ access: ['ADMIN'], limit: 'create', idempotency: 'change', audit: audited('organizations.import') }),
    },
    async (req) => {
      const principal = callerOf(req);
      if (typeof req.body !== 'string') throw CommonErrors.invalidRequest('Send the organizations as text/csv');
      return organizations.importCsv(principal.accountId, req.body);
    },
  );
}
