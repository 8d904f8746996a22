import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../platform/http/create-server.ts';
import { registerAccountRoutes } from '../modules/accounts/index.ts';
import { exchangeClientCredentials } from '../modules/accounts/index.ts';
import { registerIdvRoutes, registerLinkPage } from '../modules/idv-requests/index.ts';
import { registerWebhookRoutes } from '../modules/webhooks/index.ts';
import { registerOrganizationRoutes } from '../modules/organizations/index.ts';
import { registerProgramRoutes } from '../modules/programs/index.ts';
import { registerReportRoutes } from '../modules/reports/index.ts';
import { registerReverifyRoutes } from '../modules/reverification/index.ts';
import { registerRosterRoutes } from '../modules/rosters/index.ts';
import { readDocument, registerUploadRoute } from '../modules/documents/index.ts';
import { registerReviewRoutes, registerVerificationRoutes } from '../modules/verifications/index.ts';
import { actionFor, registerAuditRoutes, recordRequest } from '../modules/audit/index.ts';
import { registerOperationsRoutes } from '../platform/http/operations.ts';
import { checkJobStore } from '../platform/jobs/index.ts';
import { sql } from 'kysely';
import type { Container } from './container.ts';
import { VERSION } from './version.ts';

/** The HTTP server with every module's routes. */
export async function buildServer(c: Container): Promise<FastifyInstance> {
  const app = await createHttpServer({
    logLevel: c.config.logLevel,
    bodyLimitBytes: c.config.bodyLimitBytes,
    authenticate: c.authenticate,
    version: VERSION,
    trustProxy: c.config.trustProxy,
    timeouts: c.config.http,
    rails: {
      metrics: c.metrics,
      rateLimits: { windowSeconds: c.config.rateLimitWindowSeconds, limits: c.config.rateLimits },
      idempotency: { db: c.store.db, box: c.box, clock: c.clock, ttlHours: c.config.idempotencyKeyTtlHours, leaseSeconds: c.config.idempotencyKeyLeaseSeconds },
      audit: { records: (method, route) => actionFor(method, route) !== null, record: (answered) => recordRequest(c.audit, answered) },
    },
  });

  app.get('/rest/v2/info', { schema: { tags: ['eligibility'], summary: 'Service information' } }, async () => ({
    sheeridVersion: '2.0.0',
    sheeridGitCommit: `vouch-${VERSION}`,
    puppetGitCommit: `vouch-${VERSION}`,
    buildTimestamp: new Date(0).toISOString(),
    vouchVersion: VERSION,
  }));
  // Liveness: the process answers, and its embedded store has not stopped answering (only a restart mends that).
  app.get('/health', { schema: { hide: true } }, async (_req, reply) => {
    const stalledSince = c.store.stalledSince();
    if (stalledSince === undefined) return { status: 'ok' };
    return reply.status(503).header('cache-control', 'no-store').send({ status: 'stalled', store: { stalledSince: new Date(stalledSince).toISOString() } });
  });
  registerOperationsRoutes(app, {
    readiness: { store: () => sql`select 1`.execute(c.store.db), jobs: () => checkJobStore(c.store.db) },
    metrics: c.metrics,
    metricsToken: c.config.metricsToken,
  });
  registerAuditRoutes(app, c.audit);

  registerAccountRoutes(app, c.accounts);
  registerProgramRoutes(app, c.programs, (q) => c.organizations.search(q));
  registerOrganizationRoutes(app, c.organizations);
  registerRosterRoutes(app, c.rosters);
  registerVerificationRoutes(app, c.verifications);
  registerReviewRoutes(app, c.verifications, { read: (p, vid, did, ip) => readDocument(c.documents, p, vid, did, ip) });
  await registerUploadRoute(app, c.documents);
  registerReverifyRoutes(app, c.reverify);
  registerReportRoutes(app, c.reports);
  registerIdvRoutes(app, c.idv, async (clientId, secret) =>
    (await exchangeClientCredentials(c.accounts, { grantType: 'client_credentials', clientId, clientSecret: secret })).access_token);
  registerLinkPage(app, c.idv);
  registerWebhookRoutes(app, c.webhooks.deps, () => c.webhooks.dispatcher.wake());
  await app.ready();
  return app;
}
