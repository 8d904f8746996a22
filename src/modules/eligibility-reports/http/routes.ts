import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { ReportsDeps } from '../app/deps.ts';
import { reportStatus, requestReverifyReport, requestVerificationReport } from '../app/request-report.ts';
import { reportFields } from '../app/report-fields.ts';
import { openReport } from '../app/stream-report.ts';
import { ReportBody, ReportCsv, ReportFields, ReportFieldsQuery, ReportStatus } from './schemas.ts';

const security = [{ bearer: [] }];
const tags = ['reports'];
const REPORT_ROLES = ['REPORTER', 'BULK_VERIFIER'] as const;
const param = (name: string) => z.string().max(100, { error: `Path parameter '${name}' must be at most 100 characters` });
const status = { 200: ReportStatus, ...eligibilityErrorResponses };

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
        params: z.object({ batchId: param('batchId') }),
        response: status,
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
      schema: { tags, summary: 'Request a verification report over a date range', security, body: ReportBody, response: status },
      config: rails({
        access: REPORT_ROLES,
        limit: 'create',
        idempotency: 'change',
        audit: audited('report.request', 'report', 'response.reportId'),
      }),
    },
    async (req) => {
      return requestVerificationReport(deps, callerOf(req), req.body);
    },
  );

  app.get(
    '/rest/v2/report/fields',
    {
      schema: {
        tags,
        summary: 'The columns a verification report can hold, by scope',
        security,
        querystring: ReportFieldsQuery,
        response: { 200: ReportFields, ...eligibilityErrorResponses },
      },
      config: rails({ access: REPORT_ROLES, limit: 'none', audit: audited('report.read-fields') }),
    },
    async (req) => reportFields(deps, callerOf(req), req.query.programIds ?? null),
  );

  app.get(
    '/rest/v2/report/:reportId/status',
    {
      schema: { tags, summary: 'Status of a report', security, params: z.object({ reportId: param('reportId') }), response: status },
      config: rails({ access: REPORT_ROLES, limit: 'none', audit: 'none' }),
    },
    async (req) => reportStatus(deps, callerOf(req), req.params.reportId),
  );

  app.get(
    '/rest/v2/report/:reportId',
    {
      schema: {
        tags,
        summary: 'Download a report (text/csv)',
        security,
        params: z.object({ reportId: param('reportId') }),
        response: {
          200: ReportCsv,
          202: ReportStatus.meta({ description: 'Not ready yet: the status of the report' }),
          410: ReportStatus.meta({ description: 'The report failed (ERROR, with failureReason) and will never be ready' }),
          ...eligibilityErrorResponses,
        },
      },
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
