import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { ReportsDeps } from '../app/deps.ts';
import { reportStatus, requestReverifyReport, requestVerificationReport } from '../app/request-report.ts';
import { openReport } from '../app/stream-report.ts';

const security = [{ bearer: [] }];
const tags = ['reports'];
const REPORT_ROLES = ['REPORTER', 'BULK_VERIFIER'] as const;

/** Reports (REPORTER or BULK_VERIFIER role): request, poll, download as streamed CSV. */
export function registerReportRoutes(root: FastifyInstance, deps: ReportsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/rest/v2/report/reverify/:batchId',
    {
      schema: {
        tags,
        summary: 'Request the report of a re-verification batch',
        security,
        params: z.object({ batchId: z.string().max(100) }),
      },
      config: rails({
        access: REPORT_ROLES,
        limit: 'create',
        idempotency: 'change',
        audit: audited('report.request', 'report', 'response.reportId'),
      }),
    },
    async (req) => requestReverifyReport(deps, callerOf(req), req.params.batchId),
  );

  app.post(
    '/rest/v2/report/verification',
    {
      schema: { tags, summary: 'Request a verification report over a date range', security },
      config: rails({
        access: REPORT_ROLES,
        limit: 'create',
        idempotency: 'change',
        audit: audited('report.request', 'report', 'response.reportId'),
      }),
    },
    async (req) => requestVerificationReport(deps, callerOf(req), req.body),
  );

  app.get(
    '/rest/v2/report/:reportId/status',
    {
      schema: { tags, summary: 'Status of a report', security, params: z.object({ reportId: z.string().max(100) }) },
      config: rails({ access: REPORT_ROLES, limit: 'none', audit: 'none' }),
    },
    async (req) => reportStatus(deps, callerOf(req), req.params.reportId),
  );

  app.get(
    '/rest/v2/report/:reportId',
    {
      schema: { tags, summary: 'Download a report (text/csv)', security, params: z.object({ reportId: z.string().max(100) }) },
      config: rails({ access: REPORT_ROLES, limit: 'none', audit: audited('report.download', 'report', 'params.reportId') }),
    },
    async (req, reply) => {
      const opened = await openReport(deps, callerOf(req), req.params.reportId);
      // Not ready yet: 202. Failed: 410, the spec's answer for a report that will never be downloadable, so a
      // client stops polling; the body is the status object either way (ERROR, with failureReason).
      if (!opened.ready) return reply.status(opened.status.status === 'ERROR' ? 410 : 202).send(opened.status);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${req.params.reportId}.csv"`)
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(opened.lines));
    },
  );
}
