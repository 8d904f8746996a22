import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../platform/http/create-server.ts';
import { infoRouteSchema } from '../platform/http/info-schema.ts';
import { OPEN_READ, rails } from '../platform/http/rails.ts';
import { recordRequest } from '../modules/audit/index.ts';
import { SESSION_COOKIE } from '../modules/console/index.ts';
import { registerOperationsRoutes } from '../platform/http/operations.ts';
import { claimBlobStore, describeS3Location, isFileBlobStore, parseBlobUrl, requireBlobMarker } from '../platform/blobs/index.ts';
import { requireKeyCheck } from '../platform/crypto/index.ts';
import { requireFreeSpace } from '../platform/db/disk-space.ts';
import { probeStoreWrite } from '../platform/db/write-probe.ts';
import { checkJobStore } from '../platform/jobs/index.ts';
import type { Container } from './container.ts';
import { blobDirFailureMessage, bucketFailureMessage, otherBlobDirMessage } from './start-up-checks.ts';
import { VERSION } from './version.ts';

/** The HTTP server with every module's routes. */
export async function buildServer(c: Container): Promise<FastifyInstance> {
  // On PostgreSQL, instances share the rows but each has its own DATA_DIR: one whose blob directory is not
  // the installation's would answer for documents it cannot read, so it does not start (the embedded store
  // is one process with everything under one DATA_DIR: nothing to compare). With BLOB_URL every instance
  // names the same bucket: that bucket must answer.
  const blobs = c.documents.blobs;
  const blobsDir = path.join(c.config.dataDir, 'blobs');
  let blobStoreId: string | undefined;
  if (!isFileBlobStore(blobs)) {
    await blobs.probe().catch(async (e: unknown) => {
      await c.close(); // nothing else will: the caller never gets a server to stop
      throw new Error(bucketFailureMessage(describeS3Location(parseBlobUrl(c.config.blobUrl ?? '')), e), { cause: e });
    });
  } else if (c.store.kind === 'postgres') {
    const claim = await claimBlobStore(c.store.db, blobsDir).catch(async (e: unknown) => {
      await c.close();
      // A store error (the database went away) is the caller's to explain; a file system one is said here.
      throw typeof (e as NodeJS.ErrnoException)?.syscall === 'string'
        ? new Error(blobDirFailureMessage(c.config.dataDir, e), { cause: e })
        : e;
    });
    if (!claim.ok) {
      await c.close(); // nothing else will: the caller never gets a server to stop
      throw new Error(otherBlobDirMessage(c.config.dataDir, claim));
    }
    blobStoreId = claim.id;
  }
  const app = await createHttpServer({
    logLevel: c.config.logLevel,
    bodyLimitBytes: c.config.bodyLimitBytes,
    authenticate: c.authenticate,
    version: VERSION,
    publicUrl: c.config.publicUrl,
    trustProxy: c.config.trustProxy,
    timeouts: c.config.http,
    sessions: { ...SESSION_COOKIE, resolve: c.resolveSession },
    rails: {
      metrics: c.metrics,
      rateLimits: {
        windowSeconds: c.config.rateLimitWindowSeconds,
        limits: c.config.rateLimits,
        // Several instances share one PostgreSQL: so do their counters. The embedded store is one process.
        shared: c.store.kind === 'postgres' ? c.store.db : undefined,
      },
      idempotency: {
        db: c.store.db,
        box: c.box,
        clock: c.clock,
        ttlHours: c.config.idempotencyKeyTtlHours,
        leaseSeconds: c.config.idempotencyKeyLeaseSeconds,
      },
      audit: { record: (answered) => recordRequest(c.audit, answered) },
    },
  });

  app.get('/rest/v2/info', { schema: infoRouteSchema, config: rails(OPEN_READ) }, async () => ({
    sheeridVersion: '2.0.0',
    sheeridGitCommit: `vouch-${VERSION}`,
    puppetGitCommit: `vouch-${VERSION}`,
    buildTimestamp: new Date(0).toISOString(),
    vouchVersion: VERSION,
  }));
  // Liveness: the process answers, and its embedded store has not stopped answering (only a restart mends that).
  app.get('/health', { schema: { hide: true }, config: rails(OPEN_READ) }, async (_req, reply) => {
    const stalledSince = c.store.stalledSince();
    if (stalledSince === undefined) return { status: 'ok' };
    return reply
      .status(503)
      .header('cache-control', 'no-store')
      .send({ status: 'stalled', store: { stalledSince: new Date(stalledSince).toISOString() } });
  });
  registerOperationsRoutes(app, {
    readiness: {
      // A write, and on the embedded store room on its disk (a one-row upsert still fits when the disk is full).
      store: async () => {
        await probeStoreWrite(c.store.db);
        if (c.store.kind === 'pglite') await requireFreeSpace(c.config.dataDir);
      },
      jobs: () => checkJobStore(c.store.db),
      // The start refused a wrong key; this re-reads the check, as the database behind a process can change.
      key: () => requireKeyCheck(c.store.db, c.box, c.keySource),
      // Files: a write and room on the disk, and still the installation's directory; S3: the bucket answers.
      blobs: async () => {
        await blobs.probe();
        if (blobStoreId) await requireBlobMarker(blobsDir, blobStoreId);
      },
    },
    metrics: c.metrics,
    metricsToken: c.config.metricsToken,
  });
  for (const m of c.modules) await m.routes?.(app);
  await app.ready();
  return app;
}
