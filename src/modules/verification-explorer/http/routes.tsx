import type { FastifyInstance } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { hasRole } from '../../../shared/principal.ts';
import type { ExplorerDeps } from '../app/deps.ts';
import { listVerifications } from '../app/list-verifications.ts';
import { viewVerification } from '../app/view-verification.ts';
import { parseFilter } from '../domain/filters.ts';
import { ExplorerErrors } from '../error-codes.ts';
import { DetailPage } from './detail-page.tsx';
import { ListPage } from './list-page.tsx';

const HIDDEN = { hide: true } as const;
const READERS = ['REVIEWER', 'VERIFIER', 'VIEWER'] as const;

/** The verifications explorer: the list (no personal data) and one verification (each view recorded). */
export function registerExplorerRoutes(app: FastifyInstance, deps: ExplorerDeps) {
  app.get(
    '/console/verifications',
    { schema: HIDDEN, config: rails({ access: [...READERS], limit: 'none', audit: 'none' }) },
    async (req, reply) => {
      const checked = parseFilter(req.query);
      if (!checked.ok) throw ExplorerErrors.badFilter(checked.problem);
      const listed = await listVerifications(deps, callerOf(req).accountId, checked.filter);
      return sendConsolePage(req, reply, {
        title: 'Verifications',
        current: 'verifications',
        body: () => <ListPage listed={listed} filter={checked.filter} />,
      });
    },
  );

  app.get(
    '/console/verifications/:id',
    {
      schema: HIDDEN,
      // Recorded for every role: the entry says who looked at which verification (and, for most roles, its person).
      config: rails({ access: [...READERS], limit: 'none', audit: audited('console.verification-viewed', 'verification', 'params.id') }),
    },
    async (req, reply) => {
      const principal = callerOf(req);
      const view = await viewVerification(deps, principal, (req.params as { id: string }).id);
      return sendConsolePage(req, reply, {
        title: `Verification ${view.verification.id}`,
        current: 'verifications',
        body: () => <DetailPage view={view} canReview={hasRole(principal, 'REVIEWER')} />,
      });
    },
  );
}
